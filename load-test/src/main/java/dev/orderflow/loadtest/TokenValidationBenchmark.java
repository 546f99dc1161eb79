package dev.orderflow.loadtest;

import dev.orderflow.testsupport.TestIssuer;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.security.oauth2.core.DelegatingOAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTimestampValidator;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

/**
 * What security adds to every request, measured where it is spent: decoding a bearer token as every service does
 * (RS256 signature against the issuer's key, then expiry and not-before within 30 s, issuer and audience), in CPU
 * time of the measuring thread, round after round, after a warm-up. Run: {@code load-test/run-token-benchmark}.
 */
public final class TokenValidationBenchmark {

    private TokenValidationBenchmark() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 7;
        int perRound = args.length > 1 ? Integer.parseInt(args[1]) : 20_000;
        TestIssuer issuer = TestIssuer.get();
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(issuer.uri()).build();
        decoder.setJwtValidator(new DelegatingOAuth2TokenValidator<>(List.of(
                new JwtTimestampValidator(Duration.ofSeconds(30)), new JwtIssuerValidator(issuer.uri()),
                new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                        aud -> aud != null && aud.contains(TestIssuer.AUDIENCE)))));
        // Distinct tokens, as distinct callers send them: no cache between the services and the signature check.
        String[] tokens = new String[1_000];
        Arrays.setAll(tokens, n -> issuer.customer("customer-" + n));
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();

        decodeAll(decoder, tokens, perRound); // warm-up: the JIT compiles the signature check
        double[] micros = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long start = threads.getCurrentThreadCpuTime();
            decodeAll(decoder, tokens, perRound);
            micros[round] = (threads.getCurrentThreadCpuTime() - start) / 1_000.0 / perRound;
            System.out.printf("round %d: %.1f µs of CPU per token%n", round + 1, micros[round]);
        }
        Arrays.sort(micros);
        System.out.printf("median %.1f µs, min %.1f µs, max %.1f µs of CPU per token (%d rounds of %,d, %s %s)%n",
                micros[rounds / 2], micros[0], micros[rounds - 1], rounds, perRound,
                System.getProperty("java.vm.name"), System.getProperty("java.version"));
        System.exit(0); // the issuer's HTTP server would keep the JVM alive
    }

    private static void decodeAll(NimbusJwtDecoder decoder, String[] tokens, int count) {
        for (int n = 0; n < count; n++) {
            decoder.decode(tokens[n % tokens.length]);
        }
    }
}
