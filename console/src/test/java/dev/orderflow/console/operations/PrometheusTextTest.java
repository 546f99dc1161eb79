package dev.orderflow.console.operations;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PrometheusTextTest {

    @Test
    void sumsEveryPartitionOfAMetricAndLeavesNaNAndOtherMetricsOut() {
        String text = """
                # HELP orderflow_worker_consumer_lag records behind
                # TYPE orderflow_worker_consumer_lag gauge
                orderflow_worker_consumer_lag{application="email-worker",partition="0",topic="order-created",worker="email-worker"} 3.0
                orderflow_worker_consumer_lag{application="email-worker",partition="1",topic="order-created",worker="email-worker"} 4.0
                orderflow_outbox_events_waiting{application="order-service"} NaN
                jvm_threads_live_threads 42.0
                """;

        assertThat(PrometheusText.sums(text, Set.of("orderflow_worker_consumer_lag", "orderflow_outbox_events_waiting")))
                .containsExactlyEntriesOf(Map.of("orderflow_worker_consumer_lag", 7.0));
    }
}
