package dev.orderflow.smsworker.provider;

import static org.assertj.core.api.Assertions.assertThat;

import dev.orderflow.smsworker.message.SentMessage;
import dev.orderflow.smsworker.message.SmsProvider;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

class SmsProviderConfigurationTest {

    @Test
    void withoutABaseUrlTextsAreLoggedNotSent() {
        var properties = new SmsProperties("", "", "orderflow", Duration.ofSeconds(1), Duration.ofSeconds(1), 10);

        SmsProvider provider = new SmsProviderConfiguration().smsProvider(properties, RestClient.builder());
        SmsProvider.Receipt receipt = provider.send(new SmsProvider.TextMessage("order-1", "+447700900123", "hi"));

        assertThat(provider).isInstanceOf(LoggedSmsProvider.class);
        assertThat(receipt.status()).isEqualTo(SentMessage.Status.LOGGED);
    }

    @Test
    void numbersAreMaskedToTheirCountryCodeAndLastThreeDigits() {
        assertThat(SentMessage.masked("+447700900123")).isEqualTo("+44*******123");
    }
}
