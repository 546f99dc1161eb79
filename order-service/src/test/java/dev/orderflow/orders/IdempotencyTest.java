package dev.orderflow.orders;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.orders.idempotency.IdempotencyKeys;
import dev.orderflow.testsupport.TestKafka;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres(database = "orders")
class IdempotencyTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdempotencyKeys keys;

    OrderApi api;

    @BeforeEach
    void client() {
        api = new OrderApi(port);
    }

    @Test
    void retryWithTheSameKeyAndBodyReturnsTheSameOrderAndNoSecondEvent() {
        String customer = "retry-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();

        HttpResponse<String> first = api.post(OrderApi.order(customer), key);
        HttpResponse<String> retry = api.post(OrderApi.order(customer), key);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(OrderApi.json(retry).get("id")).isEqualTo(OrderApi.json(first).get("id"));
        assertThat(retry.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(ordersOf(customer)).isOne();
        assertThat(OrderCreatedRecords.read(TestKafka.bootstrapServers(), r -> customer.equals(r.key()), 1,
                Duration.ofSeconds(5), Duration.ofSeconds(1))).hasSize(1);
    }

    @Test
    void twoHundredConcurrentPostsWithFiftyKeysCreateFiftyOrdersAndFiftyEvents() {
        String run = "race-" + UUID.randomUUID().toString().substring(0, 8) + "-";
        List<CompletableFuture<HttpResponse<String>>> responses = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            int k = i % 50;
            responses.add(api.postAsync(OrderApi.order(run + k), run + "key-" + k));
        }

        Set<String> orderIds = new HashSet<>();
        for (var response : responses) {
            HttpResponse<String> answer = response.join();
            assertThat(answer.statusCode()).isEqualTo(201);
            orderIds.add(OrderApi.json(answer).get("id").asString());
        }

        assertThat(orderIds).hasSize(50);
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE customer_id LIKE ?").param(run + "%")
                .query(Long.class).single()).isEqualTo(50);
        var records = OrderCreatedRecords.read(TestKafka.bootstrapServers(), OrderCreatedRecords.keyStartsWith(run),
                50, Duration.ofSeconds(20), Duration.ofSeconds(2));
        assertThat(records.stream().map(r -> OrderCreatedRecords.header(r, "event-id")).distinct()).hasSize(50);
        assertThat(records).hasSize(50);
    }

    @Test
    void expiredKeyIsDeletedByTheCleanup() {
        String key = "expired-" + UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO idempotency_keys (caller, idempotency_key, request_hash, order_id, created_at, expires_at)
                VALUES ('customer-expired', ?, '\\x00'::bytea, ?, ?, ?)
                """)
                .params(key, UUID.randomUUID(), Timestamp.from(Instant.now().minus(Duration.ofDays(2))),
                        Timestamp.from(Instant.now().minus(Duration.ofDays(1))))
                .update();

        int deleted = keys.deleteExpired(Instant.now(), 1000);

        assertThat(deleted).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = ?").param(key)
                .query(Long.class).single()).isZero();
    }

    @Test
    void anExpiredKeyMayBeUsedForANewOrder() {
        String customer = "reuse-" + UUID.randomUUID();
        String key = "key-" + UUID.randomUUID();
        String firstId = OrderApi.json(api.post(OrderApi.order(customer), key)).get("id").asString();
        jdbc.sql("UPDATE idempotency_keys SET expires_at = now() - interval '1 second' WHERE idempotency_key = ?")
                .param(key).update();

        HttpResponse<String> again = api.post(OrderApi.order(customer, "SKU-2", 1, 1), key);

        assertThat(again.statusCode()).isEqualTo(201);
        assertThat(OrderApi.json(again).get("id").asString()).isNotEqualTo(firstId);
        assertThat(ordersOf(customer)).isEqualTo(2);
    }

    @Test
    void anotherCustomersKeyIsTheirsAlone() {
        String mine = "mine-" + UUID.randomUUID();
        String theirs = "theirs-" + UUID.randomUUID();
        String key = "shared-key-" + UUID.randomUUID();
        HttpResponse<String> myOrder = api.post(OrderApi.order(mine), key);

        HttpResponse<String> theirOrder = api.post(OrderApi.order(theirs, "SKU-9", 3, 10), key);

        assertThat(theirOrder.statusCode()).isEqualTo(201);
        assertThat(theirOrder.headers().firstValue("Idempotent-Replayed")).hasValue("false");
        assertThat(OrderApi.json(theirOrder).get("id")).isNotEqualTo(OrderApi.json(myOrder).get("id"));
        assertThat(OrderApi.json(theirOrder).get("customerId").asString()).isEqualTo(theirs);
        assertThat(ordersOf(mine)).isOne();
        assertThat(ordersOf(theirs)).isOne();
    }

    private long ordersOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customer).query(Long.class).single();
    }
}
