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
-- Least privilege: PostgreSQL lets every user connect to every new database (CONNECT is granted to PUBLIC);
-- each service's user may connect only to its own.
REVOKE CONNECT, TEMPORARY ON DATABASE orders    FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE payments  FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE inventory FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE email     FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE sms       FROM PUBLIC;
REVOKE CONNECT, TEMPORARY ON DATABASE analytics FROM PUBLIC;
