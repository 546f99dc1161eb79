package dev.orderflow.smsworker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.core5.http.HttpStatus;
import org.apache.hc.core5.http.NoHttpResponseException;
import org.apache.hc.core5.http.message.BasicHttpResponse;
import org.apache.hc.core5.http.protocol.BasicHttpContext;
import org.junit.jupiter.api.Test;

/** Which failed requests the HTTP client sends again at once, and which it leaves to the consumer core's backoff. */
class StaleConnectionRetryTest {

    private final HttpSmsProvider.StaleConnectionRetry retry = new HttpSmsProvider.StaleConnectionRetry();
    private final BasicHttpContext context = new BasicHttpContext();

    @Test
    void aPostWithItsIdempotencyKeyIsSentOnceMoreWhenItsConnectionWasClosedUnderIt() {
        HttpPost post = keyed();

        assertThat(retry.retryRequest(post, new SocketException("Broken pipe"), 1, context)).isTrue();
        assertThat(retry.retryRequest(post, new NoHttpResponseException("no answer"), 1, context)).isTrue();
        assertThat(retry.retryRequest(post, new SocketException("Broken pipe"), 2, context))
                .as("only once").isFalse();
    }

    @Test
    void aPostWithoutAnIdempotencyKeyIsNeverRepeated() {
        assertThat(retry.retryRequest(new HttpPost("/messages"), new SocketException("Broken pipe"), 1, context))
                .isFalse();
    }

    @Test
    void anOutageIsLeftToTheConsumerCore() {
        HttpPost post = keyed();

        assertThat(retry.retryRequest(post, new ConnectException("Connection refused"), 1, context)).isFalse();
        assertThat(retry.retryRequest(post, new SocketTimeoutException("Read timed out"), 1, context)).isFalse();
        assertThat(retry.retryRequest(new BasicHttpResponse(HttpStatus.SC_SERVICE_UNAVAILABLE), 1, context))
                .isFalse();
        assertThat(retry.retryRequest(new BasicHttpResponse(HttpStatus.SC_TOO_MANY_REQUESTS), 1, context))
                .isFalse();
    }

    private static HttpPost keyed() {
        HttpPost post = new HttpPost("/messages");
        post.addHeader(HttpSmsProvider.IDEMPOTENCY_KEY, "order-1");
        return post;
    }
}
