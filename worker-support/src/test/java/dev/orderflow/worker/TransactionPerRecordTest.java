package dev.orderflow.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One transaction per record, on the real PostgreSQL: however many lanes a batch has, only the configured number hold
 * a transaction (a pooled connection) at once, and every lane's step still commits.
 */
@SpringBootTest(classes = ProbeWorker.class)
@WithKafka
@WithPostgres(database = "probe")
class TransactionPerRecordTest {

    static final int BOUND = 3;
    static final int LANES = 20;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    PlatformTransactionManager transactions;

    @Test
    void atMostTheBoundOfLanesHoldATransactionAndEveryStepCommits() throws Exception {
        TransactionPerRecord commits = new TransactionPerRecord(new TransactionTemplate(transactions), BOUND);
        String prefix = "bounded-" + UUID.randomUUID();
        AtomicInteger inTransaction = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        CountDownLatch gate = new CountDownLatch(1);

        List<CompletableFuture<String>> outcomes = new ArrayList<>();
        try (ExecutorService lanes = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int lane = 0; lane < LANES; lane++) {
                String name = prefix + "-" + lane;
                outcomes.add(CompletableFuture.supplyAsync(() -> commits.commit(() -> {
                    most.accumulateAndGet(inTransaction.incrementAndGet(), Math::max);
                    jdbc.sql("INSERT INTO group_probe (name, txid) VALUES (?, txid_current())").param(name).update();
                    awaitGate(gate);
                    inTransaction.decrementAndGet();
                    return "DONE";
                }), lanes));
            }
            // Every lane has arrived: BOUND of them inside a transaction, held at the gate, the rest queued.
            await().atMost(Duration.ofSeconds(30)).until(() -> inTransaction.get() == BOUND
                    && commits.waiting() == LANES - BOUND);
            gate.countDown();
            CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        }

        assertThat(most.get()).as("lanes in a transaction at once").isEqualTo(BOUND);
        assertThat(outcomes).allSatisfy(outcome -> assertThat(outcome.join()).isEqualTo("DONE"));
        assertThat(jdbc.sql("SELECT count(DISTINCT txid) FROM group_probe WHERE name LIKE ?").param(prefix + "%")
                .query(Long.class).single()).as("one transaction per step").isEqualTo(LANES);
    }

    private static void awaitGate(CountDownLatch gate) {
        try {
            if (!gate.await(60, TimeUnit.SECONDS)) {
                throw new IllegalStateException("gate never opened");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
