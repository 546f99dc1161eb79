/**
 * Tables owned by a shared module rather than by the service that uses it (the outbox, the workers'
 * processed-order markers). The module ships its Flyway scripts under its own location and declares a
 * {@link dev.orderflow.support.schema.ModuleSchema}; every service that depends on the module gets the tables,
 * migrated with a history table of their own so the service's own version numbers never collide with them.
 */
package dev.orderflow.support.schema;
