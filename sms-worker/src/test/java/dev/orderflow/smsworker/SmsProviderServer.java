package dev.orderflow.smsworker;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.util.Map;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/**
 * A real HTTP server (WireMock) standing in for the SMS provider on a free port, one per test JVM, answering
 * {@code 201 {"id": "msg-..."}} unless a test stubs otherwise; points {@code orderflow.sms.*} at it. A context
 * initializer, so every test class shares one cached context and so one sms-worker consumer.
 */
public class SmsProviderServer implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    public static final String TOKEN = "test-token";
    public static final WireMockServer PROVIDER = start();

    private static WireMockServer start() {
        WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        server.start();
        server.stubFor(post(urlEqualTo("/messages")).atPriority(10)
                .willReturn(aResponse().withStatus(201).withHeader("Content-Type", "application/json")
                        .withBody("{\"id\": \"msg-{{randomValue length=8 type='ALPHANUMERIC'}}\"}")
                        .withTransformers("response-template")));
        return server;
    }

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("sms-provider",
                Map.of("orderflow.sms.base-url", PROVIDER.baseUrl(), "orderflow.sms.token", TOKEN)));
    }
}
