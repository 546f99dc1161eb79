package dev.orderflow.events;

/** Names of the Kafka record headers every event carries. */
public final class EventHeaders {

    /** The event's UUID, the same as {@code eventId} in the body; consumers dedupe on it. */
    public static final String EVENT_ID = "event-id";

    /** The record's simple type name, e.g. {@code OrderCreated}. */
    public static final String EVENT_TYPE = "event-type";

    /** The contract version of the body, e.g. {@code 1}. */
    public static final String EVENT_VERSION = "event-version";

    /** Always {@code application/json}. */
    public static final String CONTENT_TYPE = "content-type";

    /** W3C trace context of the request that caused the event, when tracing is on. */
    public static final String TRACEPARENT = "traceparent";

    /** The order's region ({@code US}, {@code EU}, {@code APAC}, ...), for the region partitioner; optional. */
    public static final String REGION = "region";

    public static final String JSON = "application/json";

    private EventHeaders() {
    }
}
