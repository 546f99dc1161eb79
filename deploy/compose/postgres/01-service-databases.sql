-- One database and one user per service (ARCHITECTURE.md, "Data"). Local demo credentials only.
CREATE ROLE orders    LOGIN PASSWORD 'orders';
CREATE ROLE payments  LOGIN PASSWORD 'payments';
CREATE ROLE inventory LOGIN PASSWORD 'inventory';
CREATE ROLE email     LOGIN PASSWORD 'email';
CREATE ROLE sms       LOGIN PASSWORD 'sms';
CREATE ROLE analytics LOGIN PASSWORD 'analytics';
CREATE DATABASE orders    OWNER orders;
CREATE DATABASE payments  OWNER payments;
CREATE DATABASE inventory OWNER inventory;
CREATE DATABASE email     OWNER email;
CREATE DATABASE sms       OWNER sms;
CREATE DATABASE analytics OWNER analytics;
