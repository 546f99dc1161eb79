package dev.orderflow.inventoryworker.reservation;

import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * inventory-worker settings ({@code orderflow.inventory.*}).
 *
 * @param latency the simulated warehouse system's answer time per order, outside the database transaction
 */
@Validated
@ConfigurationProperties("orderflow.inventory")
public record InventoryProperties(@NotNull @DefaultValue("100ms") Duration latency) {
}
