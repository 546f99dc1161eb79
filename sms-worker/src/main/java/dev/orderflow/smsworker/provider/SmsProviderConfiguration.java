package dev.orderflow.smsworker.provider;

import dev.orderflow.smsworker.message.SmsProvider;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.client.RestClient;

/** Picks the SMS provider adapter: the HTTP API when {@code orderflow.sms.base-url} is set, else the logging one. */
@Configuration(proxyBeanMethods = false)
class SmsProviderConfiguration {

    @Bean
    SmsProvider smsProvider(SmsProperties properties, RestClient.Builder restClients) {
        if (!properties.providerConfigured()) {
            LoggerFactory.getLogger(SmsProviderConfiguration.class)
                    .warn("No SMS provider configured (orderflow.sms.base-url): texts are logged, not sent");
            return new LoggedSmsProvider();
        }
        return new HttpSmsProvider(restClients, properties);
    }
}
