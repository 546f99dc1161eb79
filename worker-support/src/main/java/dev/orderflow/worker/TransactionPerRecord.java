package dev.orderflow.worker;

import java.util.concurrent.Semaphore;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One transaction per record, on the lane's own thread: for a transaction manager whose savepoints would not undo
 * everything a failed record did (JPA keeps a rolled-back record's entities in its persistence context and would
 * flush them with the group), or when group commit is switched off.
 */
final class TransactionPerRecord implements RecordCommits {

    private final TransactionTemplate transaction;
    /** At most this many lanes in a transaction (holding a pooled connection) at once; the others wait here. */
    private final Semaphore transactions;

    TransactionPerRecord(TransactionTemplate transaction, int maxConcurrent) {
        this.transaction = transaction;
        this.transactions = new Semaphore(maxConcurrent, true);
    }

    @Override
    public String commit(RecordStep step) {
        try {
            transactions.acquire();
        } catch (InterruptedException e) {
            // Shutdown or revocation: the record was not recorded and is consumed again.
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted before the record's transaction; left for redelivery", e);
        }
        try {
            return transaction.execute(status -> {
                String outcome = step.run();
                if (outcome == null) {
                    status.setRollbackOnly();
                }
                return outcome;
            });
        } finally {
            transactions.release();
        }
    }

    /** Lanes waiting for a transaction, for tests. */
    int waiting() {
        return transactions.getQueueLength();
    }
}
