package dev.orderflow.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RegionPartitionerTest {

    private final RegionPartitioner partitioner = new RegionPartitioner(OutboxProperties.DEFAULT_REGION_PARTITIONS);

    @Test
    void eachConfiguredRegionHasItsFixedPartition() {
        assertThat(partitioner.partitionFor("t", "c-1", Map.of("region", "US"), 12)).isZero();
        assertThat(partitioner.partitionFor("t", "c-1", Map.of("region", "EU"), 12)).isEqualTo(1);
        assertThat(partitioner.partitionFor("t", "c-1", Map.of("region", "APAC"), 12)).isEqualTo(2);
    }

    @Test
    void otherRegionsAreHashedByKeyOverTheRemainingPartitions() {
        Set<Integer> used = new HashSet<>();
        for (int i = 0; i < 1_000; i++) {
            String customer = "customer-" + i;
            int partition = partitioner.partitionFor("t", customer, Map.of("region", "LATAM"), 12);
            assertThat(partitioner.partitionFor("t", customer, Map.of(), 12)).isEqualTo(partition);
            used.add(partition);
        }
        assertThat(used).containsExactlyInAnyOrder(3, 4, 5, 6, 7, 8, 9, 10, 11);
    }

    @Test
    void topicWithTooFewPartitionsForTheRegionsIsRefused() {
        assertThatThrownBy(() -> partitioner.partitionFor("small", "c-1", Map.of("region", "EU"), 2))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("small");
    }

    @Test
    void twoRegionsOnOnePartitionAreRefused() {
        assertThatThrownBy(() -> new RegionPartitioner(Map.of("US", 0, "EU", 0)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
