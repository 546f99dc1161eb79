package dev.orderflow.smsworker.provider;

import dev.orderflow.smsworker.message.SentMessage;
import dev.orderflow.smsworker.message.SmsProvider;
import dev.orderflow.worker.ProviderUnavailableException;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.UnknownHostException;
import java.util.List;
import javax.net.ssl.SSLException;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.impl.DefaultHttpRequestRetryStrategy;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.core5.http.HttpRequest;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.HttpComponentsClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends through the provider's HTTP API: {@code POST {base-url}/messages} with {@code {"to","from","text"}}, the
 * bearer token and the order id as {@code Idempotency-Key}; answers {@code {"id": ...}}. Every failure throws, and the
 * consumer core retries with backoff. An outage of the provider (a 5xx or 429 answer, a timeout, no connection)
 * throws {@link ProviderUnavailableException}, so the text waits for the provider however long it is away; a refusal
 * of this text (any other 4xx, e.g. 400 for a number it cannot reach) is dead-lettered after the retries.
 *
 * <p>The requests go over a pool of kept-alive HTTP/1.1 connections (Apache HttpClient, blocking, on the worker's
 * virtual threads), up to {@code orderflow.sms.max-connections} at once. Why not the JDK's HttpClient: its
 * asynchronous machinery under each blocking call was a third of sms-worker's CPU per text at hundreds of texts in
 * flight (docs/benchmarks/worker-throughput.md).
 */
class HttpSmsProvider implements SmsProvider, AutoCloseable {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The provider's request body. */
    record SendRequest(String to, String from, String text) {
    }

    /** The provider's answer; only its id is kept. */
    record SendAnswer(String id) {
    }

    private final CloseableHttpClient http;
    private final RestClient client;
    private final String sender;

    HttpSmsProvider(RestClient.Builder builder, SmsProperties properties) {
        this.http = HttpClients.custom()
                .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
                        .setMaxConnTotal(properties.maxConnections())
                        .setMaxConnPerRoute(properties.maxConnections())
                        .setDefaultConnectionConfig(ConnectionConfig.custom()
                                .setConnectTimeout(Timeout.of(properties.connectTimeout()))
                                .setSocketTimeout(Timeout.of(properties.readTimeout()))
                                .build())
                        .build())
                .setRetryStrategy(new StaleConnectionRetry())
                .evictIdleConnections(TimeValue.ofSeconds(30))
                .build();
        var requestFactory = new HttpComponentsClientHttpRequestFactory(http);
        // A request waits this long for a free connection when max-connections are all in use.
        requestFactory.setConnectionRequestTimeout(properties.connectTimeout());
        requestFactory.setReadTimeout(properties.readTimeout());
        builder.baseUrl(properties.baseUrl()).requestFactory(requestFactory);
        if (properties.token() != null && !properties.token().isBlank()) {
            builder.defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + properties.token());
        }
        this.client = builder.build();
        this.sender = properties.sender();
    }

    @Override
    public Receipt send(TextMessage message) {
        SendAnswer answer;
        try {
            answer = client.post()
                    .uri("/messages")
                    .header(IDEMPOTENCY_KEY, message.idempotencyKey())
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(new SendRequest(message.to(), sender, message.text()))
                    .retrieve()
                    .onStatus(HttpSmsProvider::providerDown, (request, response) -> {
                        throw new ProviderUnavailableException("SMS provider answered " + response.getStatusCode(),
                                null);
                    })
                    .body(SendAnswer.class);
        } catch (ResourceAccessException e) {
            // Refused connection or timeout: the provider is not there, whichever text we send.
            throw new ProviderUnavailableException("SMS provider not reachable: " + e.getMessage(), e);
        }
        return new Receipt(SentMessage.Status.SENT, answer == null ? null : answer.id());
    }

    /**
     * Sends a request once more, at once, when a kept-alive connection turns out to have been closed by the provider
     * meanwhile (a broken pipe, no answer): servers close idle connections without notice, and a pooled blocking
     * client only finds out when it writes. Safe for a POST because every request carries its {@code Idempotency-Key}.
     * Nothing else is retried here: a refused connection, a timeout or a 5xx/429 answer is an outage, which the
     * consumer core retries with backoff.
     */
    static final class StaleConnectionRetry extends DefaultHttpRequestRetryStrategy {

        StaleConnectionRetry() {
            super(1, TimeValue.ZERO_MILLISECONDS, List.of(InterruptedIOException.class, UnknownHostException.class,
                    ConnectException.class, NoRouteToHostException.class, SSLException.class), List.of());
        }

        @Override
        protected boolean handleAsIdempotent(HttpRequest request) {
            return request.containsHeader(IDEMPOTENCY_KEY);
        }
    }

    /** Closes the pooled connections when the application context closes. */
    @Override
    public void close() throws IOException {
        http.close();
    }

    private static boolean providerDown(HttpStatusCode status) {
        return status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value();
    }
}
