/**
 * The event contracts every orderflow service shares: immutable event records named in the past tense,
 * the topic and header names, and the JSON (de)serialisation that Kafka clients use to read and write them.
 * The wire format of each event version is pinned by a fixture in this module's tests.
 */
package dev.orderflow.events;
