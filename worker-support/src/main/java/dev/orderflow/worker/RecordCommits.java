package dev.orderflow.worker;

/**
 * Makes a record's step durable: {@link EventHandler#record}, the ledger claim, any outbox rows and the order's lock,
 * all in one transaction with nothing else that can fail in its place. {@link GroupCommitter} runs many records' steps
 * in one transaction; {@link TransactionPerRecord} gives each step a transaction of its own.
 */
interface RecordCommits {

    /**
     * Runs the step and returns once its outcome is committed, or rolled back. Called on the record's lane, which
     * waits, so the next record of the lane sees this one's result.
     *
     * @return the step's outcome, committed; {@code null} if the step found the event claimed by another delivery,
     *     in which case its writes were rolled back
     * @throws RuntimeException if the step failed or its transaction did not commit: then nothing it wrote is kept
     */
    String commit(RecordStep step);

    /** The transactional part of one record; runs in the transaction the caller of {@link #commit} was given. */
    @FunctionalInterface
    interface RecordStep {

        /** The outcome to keep, or {@code null} if the claim was lost and the step's writes must be rolled back. */
        String run();
    }
}
