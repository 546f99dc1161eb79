package dev.orderflow.worker;

/** What became of one record of a batch; only durable results let the partition's offset move past it. */
sealed interface RecordResult {

    /** Whether the record's work is done for good: its offset may be committed. */
    default boolean durable() {
        return true;
    }

    /** The effect and its marker committed. */
    record Processed(String outcome) implements RecordResult {
    }

    /** The event was already in the ledger; acknowledged without repeating the effect. */
    record Duplicate() implements RecordResult {
    }

    /** A readable event of a type this worker does not handle (an OrderConfirmed at payment-worker, say). */
    record Ignored() implements RecordResult {
    }

    /** Cannot be processed (unreadable, or failing after every retry): to be sent to the dead-letter topic. */
    record DeadLetter(Exception cause) implements RecordResult {
    }

    /** Sent to the dead-letter topic. */
    record DeadLettered() implements RecordResult {
    }

    /** Not done, e.g. the database is down or shutdown interrupted it: consumed again later, never skipped. */
    record NotDone(Exception cause) implements RecordResult {
        @Override
        public boolean durable() {
            return false;
        }
    }
}
