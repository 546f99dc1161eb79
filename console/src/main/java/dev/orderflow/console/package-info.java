/**
 * The web console: a backend-for-frontend on port 8090. {@code signin} signs people in against the authorization
 * server and keeps their tokens on the server; {@code order} is the customer's face of order-service;
 * {@code operations} samples lag and outbox metrics, lists and replays dead letters and stops or starts a service of
 * the local stack; {@code web} turns what goes wrong upstream into problem bodies.
 */
package dev.orderflow.console;
