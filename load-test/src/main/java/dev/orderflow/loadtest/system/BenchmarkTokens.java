package dev.orderflow.loadtest.system;

import dev.orderflow.testsupport.TestIssuer;
import java.time.Duration;
import java.util.stream.IntStream;

/**
 * The bearer tokens of a benchmark: one per customer, signed before the run (so the load generator spends no CPU on
 * them while it measures) by an issuer in this JVM that every service under test trusts, and an operator's token
 * for the stock admin. The services validate each token on every request, as they would in production.
 */
final class BenchmarkTokens {

    /** Longer than any benchmark run. */
    private static final Duration LIFETIME = Duration.ofHours(12);

    private static volatile String[] customers = new String[0];

    private BenchmarkTokens() {
    }

    /** The issuer URI the services are configured with. */
    static String issuerUri() {
        return TestIssuer.get().uri();
    }

    /** Signs the tokens of customers {@code bench-0} to {@code bench-(count-1)}, once per JVM and count. */
    static synchronized void prepare(int count) {
        if (customers.length >= count) {
            return;
        }
        TestIssuer issuer = TestIssuer.get();
        customers = IntStream.range(0, count).parallel()
                .mapToObj(n -> issuer.token(OpenLoopLoad.customerName(n), "orders", LIFETIME))
                .toArray(String[]::new);
    }

    /** The {@code Authorization} header value of customer number {@code n}. */
    static String customer(int n) {
        return "Bearer " + customers[n];
    }

    static String ops() {
        return "Bearer " + TestIssuer.get().token("benchmark-operator", "ops", LIFETIME);
    }
}
