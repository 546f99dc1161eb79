package dev.orderflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;

class OutboxPropertiesTest {

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(OutboxProperties.class)
    static class Settings {
    }

    private final ApplicationContextRunner context = new ApplicationContextRunner().withUserConfiguration(Settings.class);

    @Test
    void defaultsPollEverySecondAndKeepPublishedRowsADay() {
        context.run(started -> {
            OutboxProperties properties = started.getBean(OutboxProperties.class);
            assertThat(properties.pollInterval()).isEqualTo(Duration.ofSeconds(1));
            assertThat(properties.retention()).isEqualTo(Duration.ofHours(24));
            assertThat(properties.relayEnabled()).isTrue();
        });
    }

    @Test
    void zeroPollIntervalIsRefusedAtStartUp() {
        context.withPropertyValues("orderflow.outbox.poll-interval=0ms")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void batchSizeOfZeroIsRefusedAtStartUp() {
        context.withPropertyValues("orderflow.outbox.batch-size=0")
                .run(started -> assertThat(started).hasFailed());
    }

    @Test
    void backoffCeilingBelowItsStartIsRefusedAtStartUp() {
        context.withPropertyValues("orderflow.outbox.backoff-initial=2s", "orderflow.outbox.backoff-max=1s")
                .run(started -> assertThat(started).hasFailed());
    }
}
