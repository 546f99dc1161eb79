package dev.orderflow.loadtest.system;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;
import static io.gatling.javaapi.core.CoreDsl.nothingFor;
import static io.gatling.javaapi.core.CoreDsl.scenario;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpProtocolBuilder;
import dev.orderflow.stack.ServiceSpec;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /orders} at fixed open-loop rates, with Gatling's open injection model: each virtual user sends one
 * order and ends, and users arrive at the rate whatever the answers take, so a stall shows as latency, not as a lower
 * rate. A warm-up phase comes first; then each rate, one after another, as its own request name so that Gatling's
 * report gives each its own percentiles. The orders are the system benchmark's ({@link OpenLoopLoad#randomOrder}).
 *
 * <p>Before the load, the simulation starts the services under test as the system benchmark does
 * ({@link BenchmarkStack}: the local stack's launcher, a fresh broker, fresh databases and ports, each service its own
 * process from its jar) and stops them after it. Run by {@code load-test/run-gatling}; settings are system properties:
 * {@code services} (order-service; {@code all} for the six), {@code rates} (100,500,1000 orders/s), {@code duration}
 * (60 s per rate), {@code warmup} (120 s), {@code warmup.rate} (50/s), {@code customers} (10000).
 */
public class OrderCreationSimulation extends Simulation {

    private final List<ServiceSpec> services = System.getProperty("services", "order-service").equals("all")
            ? ServiceSpec.ALL
            : Arrays.stream(System.getProperty("services", "order-service").split(","))
                    .map(String::strip).map(ServiceSpec::named).toList();
    private final List<Integer> rates = Arrays.stream(System.getProperty("rates", "100,500,1000").split(","))
            .map(String::strip).map(Integer::parseInt).toList();
    private final int duration = Integer.getInteger("duration", 60);
    private final int warmup = Integer.getInteger("warmup", 120);
    private final int warmupRate = Integer.getInteger("warmup.rate", 50);
    private final int customers = Integer.getInteger("customers", 10_000);

    private final BenchmarkStack stack;

    {
        Path root = Path.of(System.getProperty("orderflow.root", "..")).toAbsolutePath().normalize();
        String run = UUID.randomUUID().toString().substring(0, 6);
        stack = new BenchmarkStack(root, root.resolve("load-test/target/gatling-runs/" + run), run, Map.of(),
                services);
        System.out.println("Starting " + services.stream().map(ServiceSpec::name).toList() + "...");
        try {
            stack.start();
        } catch (RuntimeException e) {
            stack.close();
            throw e;
        }
        String url = stack.service("order-service").baseUri().toString();
        BenchmarkTokens.prepare(customers);
        // One connection pool for all users, as a service calling orderflow would have; without it every order
        // would open a TCP connection of its own.
        HttpProtocolBuilder protocol = http.baseUrl(url)
                .contentTypeHeader("application/json")
                .shareConnections();
        PopulationBuilder chain = null;
        for (int i = rates.size() - 1; i >= 0; i--) {
            int rate = rates.get(i);
            // A short pause between rates, so that one rate's slowest answers do not overlap the next's first.
            PopulationBuilder phase = orders("POST /orders at " + rate + "/s")
                    .injectOpen(nothingFor(5), constantUsersPerSec(rate).during(duration));
            chain = chain == null ? phase : phase.andThen(chain);
        }
        PopulationBuilder warm = orders("warm-up").injectOpen(constantUsersPerSec(warmupRate).during(warmup));
        setUp(chain == null ? warm : warm.andThen(chain)).protocols(protocol);
    }

    @Override
    public void after() {
        stack.close();
    }

    private ScenarioBuilder orders(String name) {
        // The same orders as the system benchmark, each sent with its customer's bearer token.
        return scenario(name)
                .exec(session -> {
                    OpenLoopLoad.BenchOrder order = OpenLoopLoad.randomOrder(customers);
                    return session.set("body", order.body())
                            .set("authorization", BenchmarkTokens.customer(order.customer()));
                })
                .exec(http(name).post("/orders")
                        .header("Idempotency-Key", session -> UUID.randomUUID().toString())
                        .header("Authorization", "#{authorization}")
                        .body(StringBody("#{body}"))
                        .check(status().is(201)));
    }
}
