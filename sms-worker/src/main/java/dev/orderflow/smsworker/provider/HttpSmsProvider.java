package dev.orderflow.smsworker.provider;

import dev.orderflow.smsworker.message.SentMessage;
import dev.orderflow.smsworker.message.SmsProvider;
import java.net.http.HttpClient;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;

/**
 * Sends through the provider's HTTP API: {@code POST {base-url}/messages} with {@code {"to","from","text"}}, the
 * bearer token and the order id as {@code Idempotency-Key}; answers {@code {"id": ...}}. A 4xx or 5xx answer or a
 * timeout throws (RestClient's default), which makes the consumer core retry with backoff.
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
        SendAnswer answer = client.post()
                .uri("/messages")
                .header(IDEMPOTENCY_KEY, message.idempotencyKey())
                .contentType(MediaType.APPLICATION_JSON)
                .body(new SendRequest(message.to(), sender, message.text()))
                .retrieve()
                .body(SendAnswer.class);
        return new Receipt(SentMessage.Status.SENT, answer == null ? null : answer.id());
    }
}
