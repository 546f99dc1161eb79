-- The transactional outbox: one row per event, written in the producer's own transaction and sent by the relay.
-- id, aggregatetype, aggregateid, type and payload follow Debezium's outbox event router, so a CDC deployment
-- can read this table instead of the relay.
CREATE TABLE outbox_events (
    id            uuid         PRIMARY KEY,
    aggregatetype varchar(255) NOT NULL,
    aggregateid   varchar(255) NOT NULL,
    type          varchar(255) NOT NULL,
    payload       jsonb        NOT NULL,
    topic         varchar(249) NOT NULL,
    message_key   varchar(255),
    headers       jsonb        NOT NULL DEFAULT '{}'::jsonb,
    created_at    timestamptz  NOT NULL,
    sequence      bigserial    NOT NULL,
    published_at  timestamptz
);

-- The relay's only read: the oldest unpublished rows. Small, because published rows leave it at once.
CREATE INDEX outbox_events_unpublished ON outbox_events (sequence) WHERE published_at IS NULL;

-- The cleanup's read: published rows past their retention.
CREATE INDEX outbox_events_published ON outbox_events (published_at) WHERE published_at IS NOT NULL;
