package dev.orderflow.outbox;

import dev.orderflow.events.EventHeaders;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.utils.Utils;

/**
 * The region partitioner of the contract: an event whose {@code region} header names a configured region goes to
 * that region's fixed partition (say US 0, EU 1, APAC 2), so one region's consumers can be scaled and watched on
 * their own; every other event is hashed by key over the remaining partitions. Events of one customer keep their
 * order as long as the customer's region does not change between orders.
 */
public class RegionPartitioner implements RecordPartitioner {

    private final Map<String, Integer> regions;

    public RegionPartitioner(Map<String, Integer> regions) {
        this.regions = Map.copyOf(regions);
        Set<Integer> distinct = new HashSet<>(regions.values());
        if (distinct.size() != regions.size() || distinct.stream().anyMatch(p -> p < 0)) {
            throw new IllegalArgumentException("Each region needs a partition of its own, 0 or above: " + regions);
        }
    }

    @Override
    public Integer partitionFor(String topic, String key, Map<String, String> headers, int partitions) {
        Collection<Integer> fixed = regions.values();
        if (fixed.stream().anyMatch(p -> p >= partitions)) {
            throw new IllegalStateException("Topic " + topic + " has " + partitions
                    + " partitions, too few for the region partitions " + regions);
        }
        Integer regional = regions.get(headers.getOrDefault(EventHeaders.REGION, ""));
        if (regional != null) {
            return regional;
        }
        List<Integer> shared = new ArrayList<>(partitions);
        for (int partition = 0; partition < partitions; partition++) {
            if (!fixed.contains(partition)) {
                shared.add(partition);
            }
        }
        if (shared.isEmpty()) {
            throw new IllegalStateException("Topic " + topic + " has no partition left for other regions");
        }
        byte[] keyBytes = (key == null ? "" : key).getBytes(StandardCharsets.UTF_8);
        return shared.get(Utils.toPositive(Utils.murmur2(keyBytes)) % shared.size());
    }
}
