package dev.orderflow.worker;

import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Writes a handler must have committed before its {@link EventHandler#perform effect} goes out (email-worker's
 * attempt row before the SMTP send, the simulated payment gateway's own record of a charge), committed together with
 * the same writes of the other lanes: one transaction and one WAL flush for a group instead of one per order. The
 * caller waits until its write is durable, exactly as with an auto-committed statement; it only shares the commit.
 *
 * <p>Why: with every lane committing such a write on its own, a worker paid two commits per order (this one and its
 * record's group), and on a small machine PostgreSQL's per-commit work was what held payment-worker and email-worker
 * below the record step's own rate (docs/benchmarks/worker-throughput.md).
 *
 * <p>The writes run on their own committer, not the records' one, so a lane waiting for its record's group never
 * waits behind writes of lanes still before their effect. As in {@link GroupCommitter} a write may run twice (a group
 * whose first run had a failing write runs again with each write isolated); its first run's writes are rolled back,
 * so it must do nothing but write. A failing write throws its own exception and does not affect the others.
 */
public final class GroupedWrites implements AutoCloseable {

    private final RecordCommits commits;

    GroupedWrites(RecordCommits commits) {
        this.commits = commits;
    }

    /**
     * Runs {@code write} in a transaction shared with other lanes' writes and returns its result once that
     * transaction has committed.
     *
     * @throws RuntimeException what the write threw, or why its transaction did not commit: then nothing it wrote is
     *     kept
     */
    public <T> T commit(Supplier<T> write) {
        AtomicReference<T> result = new AtomicReference<>();
        commits.commit(() -> {
            result.set(write.get());
            // Any non-null outcome keeps the write; a null one would mean "roll back", which a write never asks for.
            return "written";
        });
        return result.get();
    }

    @Override
    public void close() {
        if (commits instanceof AutoCloseable closeable) {
            try {
                closeable.close();
            } catch (Exception e) {
                throw new IllegalStateException("Cannot stop the grouped writes' committer", e);
            }
        }
    }
}
