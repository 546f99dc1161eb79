package dev.orderflow.smsworker.provider;

import dev.orderflow.smsworker.message.SentMessage;
import dev.orderflow.smsworker.message.SmsProvider;
import java.net.http.HttpClient;
import dev.orderflow.worker.ProviderUnavailableException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;

/**
 * Sends through the provider's HTTP API: {@code POST {base-url}/messages} with {@code {"to","from","text"}}, the
 * bearer token and the order id as {@code Idempotency-Key}; answers {@code {"id": ...}}. Every failure throws, and the
 * consumer core retries with backoff. An outage of the provider (a 5xx or 429 answer, a timeout, no connection)
 * throws {@link ProviderUnavailableException}, so the text waits for the provider however long it is away; a refusal
 * of this text (any other 4xx, e.g. 400 for a number it cannot reach) is dead-lettered after the retries.
 */
class HttpSmsProvider implements SmsProvider {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** The provider's request body. */
    record SendRequest(String to, String from, String text) {
    }

    /** The provider's answer; only its id is kept. */
    record SendAnswer(String id) {
    }

    private final RestClient client;
    private final String sender;

    HttpSmsProvider(RestClient.Builder builder, SmsProperties properties) {
        // HTTP/1.1: the JDK client's default (HTTP/2) tries an h2c upgrade on plain http, which many servers reset.
        var requestFactory = new JdkClientHttpRequestFactory(HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build());
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

    private static boolean providerDown(HttpStatusCode status) {
        return status.is5xxServerError() || status.value() == HttpStatus.TOO_MANY_REQUESTS.value();
    }
}
