package dev.orderflow.orders;

import static dev.orderflow.orders.OrderApi.json;
import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.testsupport.TestIssuer;
import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.net.http.HttpResponse;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** Every row of ARCHITECTURE.md's security table for order-service, with real tokens from a real issuer. */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres(database = "orders")
class OrderAccessRulesTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    OrderApi api;
    String ada;
    String bob;

    @BeforeEach
    void customers() {
        api = new OrderApi(port);
        ada = "ada-" + UUID.randomUUID();
        bob = "bob-" + UUID.randomUUID();
    }

    @Test
    void aCustomerPlacesAnOrderForItself() {
        HttpResponse<String> placed = api.asCustomer(ada).post(OrderApi.order(ada));

        assertThat(placed.statusCode()).isEqualTo(201);
        assertThat(json(placed).get("customerId").asString()).isEqualTo(ada);
    }

    @Test
    void aCustomerCannotPlaceAnOrderInAnotherCustomersName() {
        HttpResponse<String> refused = api.asCustomer(ada).post(OrderApi.order(bob));

        assertProblem(refused, 403);
        assertThat(json(refused).get("detail").asString()).contains("own name");
        assertThat(ordersOf(bob)).isZero();
    }

    @Test
    void aCustomerReadsItsOwnOrder() {
        String id = place(ada);

        HttpResponse<String> read = api.asCustomer(ada).get("/orders/" + id);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(json(read).get("id").asString()).isEqualTo(id);
    }

    @Test
    void anotherCustomersOrderAnswersExactlyAsAMissingOne() {
        String id = place(ada);
        UUID missing = UUID.randomUUID();

        HttpResponse<String> foreign = api.asCustomer(bob).get("/orders/" + id);
        HttpResponse<String> absent = api.asCustomer(bob).get("/orders/" + missing);

        assertProblem(foreign, 404);
        assertProblem(absent, 404);
        assertThat(foreign.body().replace(id, "ID")).isEqualTo(absent.body().replace(missing.toString(), "ID"));
    }

    @Test
    void aCustomerListsOnlyItsOwnOrders() {
        place(ada);

        HttpResponse<String> own = api.asCustomer(ada).get("/orders?customerId=" + ada);
        HttpResponse<String> foreign = api.asCustomer(bob).get("/orders?customerId=" + ada);

        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own).get("page").get("totalElements").asLong()).isOne();
        assertProblem(foreign, 403);
    }

    @Test
    void aCustomerCancelsItsOwnOrderButAnotherCustomersOrderIsNotFound() {
        String id = place(ada);

        HttpResponse<String> foreign = api.asCustomer(bob).cancel(id);
        String statusAfterForeignCancel = json(api.asSupport().get("/orders/" + id)).get("status").asString();
        HttpResponse<String> own = api.asCustomer(ada).cancel(id);

        assertProblem(foreign, 404);
        assertThat(statusAfterForeignCancel).isEqualTo("PENDING");
        assertThat(own.statusCode()).isEqualTo(200);
        assertThat(json(own).get("status").asString()).isEqualTo("CANCELLED");
    }

    @Test
    void supportReadsAndListsEveryCustomersOrders() {
        String id = place(ada);

        HttpResponse<String> read = api.asSupport().get("/orders/" + id);
        HttpResponse<String> list = api.asSupport().get("/orders?customerId=" + ada);

        assertThat(read.statusCode()).isEqualTo(200);
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(json(list).get("content").get(0).get("id").asString()).isEqualTo(id);
    }

    @Test
    void supportNeitherPlacesNorCancelsOrders() {
        String id = place(ada);

        HttpResponse<String> placed = api.asSupport().post(OrderApi.order(ada));
        HttpResponse<String> cancelled = api.asSupport().cancel(id);

        assertProblem(placed, 403);
        assertProblem(cancelled, 403);
        assertThat(ordersOf(ada)).isOne();
        assertThat(json(api.asSupport().get("/orders/" + id)).get("status").asString()).isEqualTo("PENDING");
    }

    @Test
    void operationsAndATokenWithoutAnOrderScopeCannotReadOrders() {
        String id = place(ada);

        HttpResponse<String> ops = api.as(TestIssuer.get().ops()).get("/orders/" + id);
        HttpResponse<String> noScope = api.as(TestIssuer.get().token(ada, "profile")).get("/orders/" + id);

        assertProblem(ops, 403);
        assertProblem(noScope, 403);
        assertThat(ops.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                value -> assertThat(value).contains("insufficient_scope"));
    }

    @Test
    void healthProbesAndTheApiDescriptionNeedNoToken() {
        OrderApi anonymous = api.as(null);

        assertThat(anonymous.get("/livez").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/readyz").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/v3/api-docs").statusCode()).isEqualTo(200);
        assertThat(anonymous.get("/swagger-ui/index.html").statusCode()).isEqualTo(200);
    }

    private String place(String customer) {
        HttpResponse<String> placed = api.asCustomer(customer).post(OrderApi.order(customer));
        assertThat(placed.statusCode()).isEqualTo(201);
        return json(placed).get("id").asString();
    }

    private long ordersOf(String customer) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE customer_id = ?").param(customer).query(Long.class).single();
    }

    static void assertProblem(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        JsonNode problem = json(response);
        assertThat(problem.get("status").asInt()).isEqualTo(status);
        assertThat(problem.get("title").asString()).isNotBlank();
    }
}
