package dev.orderflow.worker;

import static dev.orderflow.worker.testing.OrderRecords.newCustomer;
import static dev.orderflow.worker.testing.OrderRecords.order;
import static dev.orderflow.worker.testing.OrderRecords.orderCreatedHeaders;
import static dev.orderflow.worker.testing.OrderRecords.publish;
import static dev.orderflow.worker.testing.OrderRecords.publishRaw;
import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.orderflow.events.EventJson;
import dev.orderflow.events.OrderCreated;
import dev.orderflow.events.Topics;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import dev.orderflow.worker.testing.ConsumerGroups;
import dev.orderflow.worker.testing.DeadLetterTopic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The group committer on the real PostgreSQL: the steps of one group share a transaction, a step that fails or loses
 * its claim is rolled back alone, and a group whose transaction fails keeps nothing of any of its steps.
 */
@SpringBootTest(classes = ProbeWorker.class)
@WithKafka
@WithPostgres(database = "probe")
class GroupCommitTest {

    /** Groups of exactly this many: one committer, and a linger long enough for all of them to arrive. */
    static final int GROUP = 4;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Autowired
    ProcessedOrders processedOrders;

    @Autowired
    ProbeWorker.ProbeHandler handler;

    GroupCommitter committer;

    @BeforeEach
    void startCommitter() {
        committer = new GroupCommitter(new TransactionTemplate(transactions), RecordTracing.NONE,
                new WorkerProperties.GroupCommit(true, GROUP, Duration.ofSeconds(30), 1), "test");
    }

    @AfterEach
    void stopCommitter() {
        committer.close();
    }

    @Test
    void aFailingStepAndALostClaimRollBackAloneAndTheOthersCommitInOneTransaction() {
        String prefix = "isolation-" + UUID.randomUUID();

        Map<String, Long> rows = runAGroupWithAFailingStepAndALostClaim(prefix);

        assertThat(Set.copyOf(rows.values())).as("one transaction for the whole group").hasSize(1);
        assertThat(writersOf(prefix)).as("after the failure, each kept step in a savepoint (subtransaction) of its own")
                .hasSize(2).doesNotContainAnyElementsOf(rows.values());
    }

    /**
     * The isolation used with JPA, whose persistence context a savepoint does not roll back: after a failed first run,
     * each step of the group runs again in a transaction of its own.
     */
    @Test
    void withATransactionPerStepAFailingStepAndALostClaimRollBackAloneAndTheOthersCommitEachOnItsOwn() {
        committer.close();
        committer = new GroupCommitter(new TransactionTemplate(transactions),
                GroupCommitter.Isolation.TRANSACTION_PER_STEP, RecordTracing.NONE,
                new WorkerProperties.GroupCommit(true, GROUP, Duration.ofSeconds(30), 1), "test");
        String prefix = "per-step-" + UUID.randomUUID();

        Map<String, Long> rows = runAGroupWithAFailingStepAndALostClaim(prefix);

        assertThat(Set.copyOf(rows.values())).as("a transaction per kept step").hasSize(2);
        assertThat(writersOf(prefix)).as("no savepoints: each row written by its step's own transaction")
                .isEqualTo(Set.copyOf(rows.values()));
    }

    @Test
    void aGroupInWhichEveryStepSucceedsCommitsWithoutSavepoints() {
        String prefix = "no-savepoints-" + UUID.randomUUID();
        Set<String> afterCommit = ConcurrentHashMap.newKeySet();
        List<RecordCommits.RecordStep> steps = new ArrayList<>();
        for (int i = 1; i <= GROUP; i++) {
            String name = prefix + "-" + i;
            OrderCreated order = order(newCustomer("group"), "SKU-001", 1, 100);
            steps.add(() -> write(name, afterCommit, processedOrders.claim(order, "DONE")));
        }

        assertThat(inOneGroup(steps)).allSatisfy(outcome -> assertThat(outcome.join()).isEqualTo("DONE"));

        Set<Long> transactionIds = Set.copyOf(jdbc.sql("SELECT txid FROM group_probe WHERE name LIKE ?")
                .param(prefix + "%").query(Long.class).list());
        assertThat(transactionIds).as("one transaction for the whole group").hasSize(1);
        // A row written in a savepoint carries the subtransaction's id; here every row carries the group's own.
        assertThat(writersOf(prefix)).isEqualTo(transactionIds);
        assertThat(afterCommit).hasSize(GROUP);
    }

    @Test
    void aGroupWhoseCommitFailsKeepsNothingAndEveryStepFails() {
        String prefix = "commit-fails-" + UUID.randomUUID();
        OrderCreated order = order(newCustomer("group"), "SKU-001", 1, 100);

        List<CompletableFuture<String>> outcomes = inOneGroup(List.of(
                () -> write(prefix + "-1", ConcurrentHashMap.newKeySet(), processedOrders.claim(order, "DONE")),
                () -> write(prefix + "-2", ConcurrentHashMap.newKeySet(), true),
                () -> {
                    // Checked only at commit: this step succeeds, the group's commit is refused.
                    jdbc.sql("INSERT INTO group_probe_refs (name) VALUES (?)").param(prefix + "-nowhere").update();
                    return "DONE";
                },
                () -> write(prefix + "-3", ConcurrentHashMap.newKeySet(), true)));

        for (CompletableFuture<String> outcome : outcomes) {
            assertThatThrownBy(outcome::join).hasRootCauseMessage(rootCauseMessageOf(outcomes.get(2)));
        }
        assertNothingWritten(prefix, order);
    }

    @Test
    void aGroupWhoseConnectionIsLostKeepsNothingAndEveryStepFails() {
        String prefix = "connection-lost-" + UUID.randomUUID();
        OrderCreated order = order(newCustomer("group"), "SKU-001", 1, 100);
        AtomicInteger ran = new AtomicInteger();
        List<RecordCommits.RecordStep> steps = new ArrayList<>();
        for (int i = 1; i <= GROUP; i++) {
            String name = prefix + "-" + i;
            steps.add(() -> {
                boolean claim = name.endsWith("-1") ? processedOrders.claim(order, "DONE") : true;
                write(name, ConcurrentHashMap.newKeySet(), claim);
                if (ran.incrementAndGet() % GROUP == 0) {
                    // The last step of the group loses the connection after the others wrote their rows (in the
                    // group's first run, and again should the group be run a second time, with savepoints).
                    jdbc.sql("SELECT pg_terminate_backend(pg_backend_pid())").query(Boolean.class).list();
                }
                return "DONE";
            });
        }
        List<CompletableFuture<String>> outcomes = inOneGroup(steps);

        assertThat(ran).hasValueGreaterThanOrEqualTo(GROUP);
        for (CompletableFuture<String> outcome : outcomes) {
            assertThatThrownBy(outcome::join).isNotNull();
        }
        assertNothingWritten(prefix, order);
    }

    /**
     * Writes made before an effect (GroupedWrites): each caller gets its own write's result once the shared
     * transaction has committed, and a failing write throws its own exception and keeps nothing, the others commit.
     */
    @Test
    void groupedWritesShareACommitAndAFailingWriteFailsAlone() {
        var writes = new GroupedWrites(committer);
        String prefix = "grouped-writes-" + UUID.randomUUID();
        var lanes = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<Long>> results = new ArrayList<>();
        for (int i = 1; i <= GROUP; i++) {
            String name = prefix + "-" + i;
            results.add(CompletableFuture.supplyAsync(() -> writes.commit(() -> {
                long txid = jdbc.sql("INSERT INTO group_probe (name, txid) VALUES (?, txid_current()) RETURNING txid")
                        .param(name).query(Long.class).single();
                if (name.endsWith("-3")) {
                    throw new IllegalStateException("write refused");
                }
                return txid;
            }), lanes));
        }
        lanes.close();

        assertThatThrownBy(results.get(2)::join).hasCauseInstanceOf(IllegalStateException.class)
                .hasRootCauseMessage("write refused");
        List<Long> kept = List.of(results.get(0).join(), results.get(1).join(), results.get(3).join());
        assertThat(Set.copyOf(kept)).as("one transaction for the three kept writes").hasSize(1);
        // Committed by the time they returned: the three rows are there, the refused one is not.
        assertThat(jdbc.sql("SELECT name FROM group_probe WHERE name LIKE ?").param(prefix + "%")
                .query(String.class).list())
                .containsExactlyInAnyOrder(prefix + "-1", prefix + "-2", prefix + "-4");
    }

    /**
     * Through the whole worker: a batch of orders from many customers is recorded in shared transactions; the order
     * whose record fails is dead-lettered with no effect and every other order takes effect once, including one
     * delivered a second time under another key (another lane; whether the copy meets the original inside a group
     * or at the ledger's fast path depends on timing, the lost claim inside a group is the first test's).
     */
    @Test
    void inTheWorkerAFailingRecordIsDeadLetteredAloneAndItsGroupCommits() {
        String prefix = newCustomer("grouped");
        List<OrderCreated> orders = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            orders.add(order(prefix + "-" + i, "SKU-001", 1, 100));
        }
        OrderCreated failing = orders.get(7);
        OrderCreated copied = orders.get(23);
        handler.failingRecords.add(failing.orderId());

        publish(orders);
        // The same order again under another key: another lane.
        publishRaw(prefix + "-copy", EventJson.write(copied), orderCreatedHeaders(1));

        await().atMost(Duration.ofSeconds(30))
                .until(() -> DeadLetterTopic.find(DeadLetteringTest.DLT, failing.customerId()).isPresent());
        ConsumerGroups.awaitCaughtUp("probe-worker", Topics.ORDER_CREATED);
        ProbeEffects effects = new ProbeEffects(jdbc);
        for (OrderCreated order : orders) {
            assertThat(effects.of(order.orderId())).as("effects of %s", order.customerId())
                    .isEqualTo(order == failing ? 0 : 1);
        }
        assertThat(processedOrders.outcomeOf(failing.orderId())).isEmpty();
    }

    /**
     * One group of four steps: two that succeed, one that fails and one whose claim of an order another step of the
     * group claimed too. Asserts the outcomes each lane learns and what was kept, and answers the rows kept (name to
     * txid_current()), for the test to check which transactions wrote them.
     */
    private Map<String, Long> runAGroupWithAFailingStepAndALostClaim(String prefix) {
        OrderCreated claimedTwice = order(newCustomer("group"), "SKU-001", 1, 100);
        Set<String> afterCommit = ConcurrentHashMap.newKeySet();
        List<CompletableFuture<String>> outcomes = inOneGroup(List.of(
                () -> write(prefix + "-kept-1", afterCommit, processedOrders.claim(claimedTwice, "DONE")),
                () -> {
                    write(prefix + "-failed", afterCommit, true);
                    throw new IllegalStateException("record refuses");
                },
                // The same order claimed again in the same transaction: the claim is lost, as against another delivery.
                () -> write(prefix + "-duplicate", afterCommit, processedOrders.claim(claimedTwice, "AGAIN")),
                () -> write(prefix + "-kept-2", afterCommit, true)));

        // The first claim of the order may come before or after its copy; whichever is second is the duplicate.
        List<String> results = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        for (CompletableFuture<String> outcome : outcomes) {
            try {
                results.add(outcome.join());
            } catch (RuntimeException e) {
                failures.add(e.getCause());
            }
        }
        assertThat(failures).singleElement().satisfies(e -> assertThat(e).hasMessage("record refuses"));
        assertThat(results).containsExactlyInAnyOrder("DONE", "DONE", null);

        Map<String, Long> rows = new java.util.HashMap<>();
        jdbc.sql("SELECT name, txid FROM group_probe WHERE name LIKE ?").param(prefix + "%")
                .query((rs, row) -> rows.put(rs.getString(1), rs.getLong(2))).list();
        // Exactly one of the two claims of the same order was kept, and only the rows of kept steps.
        assertThat(rows.keySet()).hasSize(2).contains(prefix + "-kept-2").doesNotContain(prefix + "-failed");
        assertThat(processedOrders.outcomeOf(claimedTwice.orderId())).isPresent();
        // The callbacks of rolled-back steps were dropped with them.
        assertThat(afterCommit).isEqualTo(rows.keySet());
        return rows;
    }

    private void assertNothingWritten(String prefix, OrderCreated order) {
        assertThat(jdbc.sql("SELECT count(*) FROM group_probe WHERE name LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM group_probe_refs WHERE name LIKE ?").param(prefix + "%")
                .query(Long.class).single()).isZero();
        assertThat(processedOrders.outcomeOf(order.orderId())).isEmpty();
    }

    private static String rootCauseMessageOf(CompletableFuture<String> outcome) {
        try {
            outcome.join();
            throw new AssertionError("expected the step to fail");
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null) {
                root = root.getCause();
            }
            return root.getMessage();
        }
    }

    /** The ids of the (sub)transactions that wrote this test's rows: xmin, widened with the epoch as txid_current(). */
    private Set<Long> writersOf(String prefix) {
        return Set.copyOf(jdbc.sql("SELECT (txid_current() >> 32 << 32) + xmin::text::bigint FROM group_probe "
                        + "WHERE name LIKE ?")
                .param(prefix + "%").query(Long.class).list());
    }

    /** Hands every step to the committer at once, each from its own lane; they fill exactly one group. */
    private List<CompletableFuture<String>> inOneGroup(List<RecordCommits.RecordStep> steps) {
        assertThat(steps).hasSize(GROUP);
        var lanes = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<String>> outcomes = steps.stream()
                .map(step -> CompletableFuture.supplyAsync(() -> committer.commit(step), lanes))
                .toList();
        CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        lanes.close();
        return outcomes;
    }

    /** Writes a row named after the step, with the id of the transaction it is in, and an after-commit note. */
    private String write(String name, Set<String> afterCommit, boolean claimed) {
        jdbc.sql("INSERT INTO group_probe (name, txid) VALUES (?, txid_current())").param(name).update();
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                afterCommit.add(name);
            }
        });
        return claimed ? "DONE" : null;
    }
}
