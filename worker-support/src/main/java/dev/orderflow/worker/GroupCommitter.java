package dev.orderflow.worker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.TransactionStatus;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Group commit: the record steps that lanes hand in are run by a few committer threads, many in one transaction. A
 * step that fails, or finds its claim taken by another delivery, is rolled back alone (with the transaction callbacks
 * it registered) and the others commit; if the group's transaction itself fails (the connection is lost, the commit is
 * refused), every step in it fails and nothing of it is kept. Each lane waits for its step's outcome, so a key's
 * records still take effect one after another, and its offset is committed only after the group is durable.
 *
 * <p>A group is first run without savepoints, the usual case where every step succeeds; only if one fails or loses
 * its claim is the whole transaction rolled back and the group run again in a way that isolates that step
 * ({@link Isolation}): with a savepoint per step in one transaction (JDBC), or with a transaction per step (JPA, whose
 * persistence context a savepoint would not roll back; the failed first run's context ends with its transaction).
 * Why: a savepoint and its release are two round trips per record, a quarter of what an analytics event costs in all
 * (docs/benchmarks/analytics-rebuild.md), paid on every record to protect against a rare one. A step
 * therefore may run twice; its writes and callbacks of the first run are rolled back, and anything else it does
 * (a log line) must be harmless to repeat.
 *
 * <p>Why: with one transaction per record, PostgreSQL's commit rate (a WAL flush each) capped a worker at a few hundred
 * orders a second on a small machine (docs/benchmarks/worker-throughput.md); a group pays one commit for up to
 * {@code maxSize} records. A committer collects a group while the one before it is committing: it takes what is
 * waiting, then lingers up to {@code linger} for more, so a lone record waits at most that long.
 */
final class GroupCommitter implements RecordCommits, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(GroupCommitter.class);

    /** How a group whose first run failed is run again, so that the failed step is kept out of what commits. */
    enum Isolation {
        /** One transaction, a savepoint per step: two round trips per step, one commit. */
        SAVEPOINTS,
        /**
         * A transaction per step: for a transaction manager whose savepoints do not undo all a step did (JPA keeps a
         * rolled-back step's entities in its persistence context and would flush them with the others).
         */
        TRANSACTION_PER_STEP
    }

    private final TransactionTemplate transaction;
    private final Isolation isolation;
    private final RecordTracing tracing;
    private final int maxSize;
    private final long lingerNanos;
    private final BlockingQueue<Pending> queue = new LinkedBlockingQueue<>();
    /** One committer collects at a time, so groups fill up instead of splitting among idle committers. */
    private final ReentrantLock collecting = new ReentrantLock();
    private final List<Thread> committers = new ArrayList<>();
    private volatile boolean closed;

    GroupCommitter(TransactionTemplate transaction, RecordTracing tracing, WorkerProperties.GroupCommit settings,
            String name) {
        this(transaction, Isolation.SAVEPOINTS, tracing, settings, name);
    }

    GroupCommitter(TransactionTemplate transaction, Isolation isolation, RecordTracing tracing,
            WorkerProperties.GroupCommit settings, String name) {
        this.transaction = transaction;
        this.isolation = isolation;
        this.tracing = tracing;
        this.maxSize = settings.maxSize();
        this.lingerNanos = settings.linger().toNanos();
        for (int i = 1; i <= settings.committers(); i++) {
            Thread committer = Thread.ofPlatform().daemon().name(name + "-committer-" + i).unstarted(this::run);
            committers.add(committer);
            committer.start();
        }
    }

    /** A step handed in by a lane, and what became of it. */
    private static final class Pending {
        final RecordStep step;
        final CompletableFuture<String> outcome = new CompletableFuture<>();
        /** Set inside the group's transaction; delivered only once that transaction has ended. */
        String recorded;
        RuntimeException failure;

        Pending(RecordStep step) {
            this.step = step;
        }
    }

    @Override
    public String commit(RecordStep step) {
        // The step runs on a committer thread: the record's span goes with it, so its log lines and the outbox rows
        // it writes carry the record's trace as they did on the lane.
        Pending pending = new Pending(tracing.onCurrentSpan(step));
        if (closed) {
            throw new IllegalStateException("Group commit is shut down; the record is left for redelivery");
        }
        queue.add(pending);
        if (closed) {
            failRemaining();
        }
        try {
            // Uninterruptible: the step may be in a transaction that is committing; the lane learns how it ended.
            return pending.outcome.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : e;
        }
    }

    private void run() {
        while (!closed || !queue.isEmpty()) {
            List<Pending> group;
            try {
                group = collect();
            } catch (InterruptedException e) {
                if (closed) {
                    break;
                }
                continue;
            }
            if (!group.isEmpty()) {
                commitGroup(group);
            }
        }
    }

    /** Up to {@code maxSize} steps: what is waiting, then what arrives within the linger time. */
    private List<Pending> collect() throws InterruptedException {
        collecting.lockInterruptibly();
        try {
            Pending first = queue.poll(100, TimeUnit.MILLISECONDS);
            if (first == null) {
                return List.of();
            }
            List<Pending> group = new ArrayList<>(maxSize);
            group.add(first);
            long deadline = System.nanoTime() + lingerNanos;
            while (group.size() < maxSize) {
                queue.drainTo(group, maxSize - group.size());
                long left = deadline - System.nanoTime();
                if (group.size() >= maxSize || left <= 0) {
                    break;
                }
                Pending next = queue.poll(left, TimeUnit.NANOSECONDS);
                if (next == null) {
                    break;
                }
                group.add(next);
            }
            return group;
        } finally {
            collecting.unlock();
        }
    }

    private void commitGroup(List<Pending> group) {
        try {
            if (commitWithoutSavepoints(group)) {
                complete(group);
                return;
            }
            if (isolation == Isolation.TRANSACTION_PER_STEP) {
                group.forEach(this::commitAlone);
                complete(group);
                return;
            }
            transaction.executeWithoutResult(status -> {
                for (Pending pending : group) {
                    runInSavepoint(status, pending);
                }
            });
        } catch (RuntimeException groupFailure) {
            log.warn("Group of {} records not committed, each goes back to its retry: {}", group.size(),
                    groupFailure.toString());
            for (Pending pending : group) {
                pending.outcome.completeExceptionally(pending.failure != null ? pending.failure : groupFailure);
            }
            return;
        } catch (Error e) {
            // A handler's StackOverflowError, say: its group fails like any other, and this committer goes on (were
            // it to end, every lane would wait for it for ever).
            log.error("Group of {} records not committed", group.size(), e);
            group.forEach(pending -> pending.outcome.completeExceptionally(e));
            return;
        }
        complete(group);
    }

    private static void complete(List<Pending> group) {
        for (Pending pending : group) {
            if (pending.failure != null) {
                pending.outcome.completeExceptionally(pending.failure);
            } else {
                pending.outcome.complete(pending.recorded);
            }
        }
    }

    /**
     * Runs the group's steps in one transaction without savepoints. True if every step succeeded and the group
     * committed; false if a step failed or lost its claim, in which case the transaction was rolled back and nothing
     * of the group is kept. A failure of the transaction itself (begin or commit) is thrown, as in the savepoint pass.
     */
    private boolean commitWithoutSavepoints(List<Pending> group) {
        try {
            transaction.executeWithoutResult(status -> {
                for (Pending pending : group) {
                    String outcome;
                    try {
                        outcome = pending.step.run();
                        status.flush();
                    } catch (RuntimeException failure) {
                        throw new StepNotKept(failure);
                    }
                    if (outcome == null) {
                        throw new StepNotKept(null);
                    }
                    pending.recorded = outcome;
                }
            });
            return true;
        } catch (StepNotKept redo) {
            log.debug("A step of a group of {} failed or lost its claim; the group runs again with savepoints: {}",
                    group.size(), String.valueOf(redo.getCause()));
            group.forEach(pending -> pending.recorded = null);
            return false;
        }
    }

    /**
     * Runs one step in a transaction of its own; a step that fails (in its run or its commit) or loses its claim
     * keeps nothing, and the others of its group are not affected.
     */
    private void commitAlone(Pending pending) {
        try {
            pending.recorded = transaction.execute(status -> {
                String outcome = pending.step.run();
                if (outcome == null) {
                    status.setRollbackOnly();
                }
                return outcome;
            });
        } catch (RuntimeException failure) {
            pending.recorded = null;
            pending.failure = failure;
        }
    }

    /** Rolls back the savepoint-free pass of a group; the group runs again, each step isolated. */
    private static final class StepNotKept extends RuntimeException {

        StepNotKept(RuntimeException cause) {
            super(cause);
        }
    }

    /**
     * Runs one step in its own savepoint. A step that fails or loses its claim is rolled back to the savepoint, with
     * the transaction callbacks it registered (an outbox row's after-commit notice, say), so the group commits as if
     * it had never run. If even the rollback to the savepoint fails, the transaction is unusable: the whole group
     * fails.
     */
    private static void runInSavepoint(TransactionStatus status, Pending pending) {
        List<TransactionSynchronization> callbacksBefore = TransactionSynchronizationManager.getSynchronizations();
        Object savepoint = status.createSavepoint();
        String outcome;
        try {
            outcome = pending.step.run();
            // Writes an ORM may still hold go to the database inside this record's savepoint.
            status.flush();
        } catch (RuntimeException failure) {
            pending.failure = failure;
            rollBack(status, savepoint, callbacksBefore);
            return;
        }
        if (outcome == null) {
            rollBack(status, savepoint, callbacksBefore);
        } else {
            status.releaseSavepoint(savepoint);
        }
        pending.recorded = outcome;
    }

    private static void rollBack(TransactionStatus status, Object savepoint,
            List<TransactionSynchronization> callbacksBefore) {
        status.rollbackToSavepoint(savepoint);
        TransactionSynchronizationManager.clearSynchronization();
        TransactionSynchronizationManager.initSynchronization();
        callbacksBefore.forEach(TransactionSynchronizationManager::registerSynchronization);
    }

    /** Commits what is queued, then stops the committers; a step handed in later fails (redelivered later). */
    @Override
    public void close() {
        closed = true;
        for (Thread committer : committers) {
            try {
                committer.join(Duration.ofSeconds(10));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        failRemaining();
    }

    private void failRemaining() {
        Pending pending;
        while ((pending = queue.poll()) != null) {
            pending.outcome.completeExceptionally(
                    new IllegalStateException("Group commit is shut down; the record is left for redelivery"));
        }
    }
}
