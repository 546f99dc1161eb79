package dev.orderflow.worker;

import org.springframework.transaction.support.TransactionTemplate;

/**
 * One transaction per record, on the lane's own thread: for a transaction manager whose savepoints would not undo
 * everything a failed record did (JPA keeps a rolled-back record's entities in its persistence context and would
 * flush them with the group), or when group commit is switched off.
 */
final class TransactionPerRecord implements RecordCommits {

    private final TransactionTemplate transaction;

    TransactionPerRecord(TransactionTemplate transaction) {
        this.transaction = transaction;
    }

    @Override
    public String commit(RecordStep step) {
        return transaction.execute(status -> {
            String outcome = step.run();
            if (outcome == null) {
                status.setRollbackOnly();
            }
            return outcome;
        });
    }
}
