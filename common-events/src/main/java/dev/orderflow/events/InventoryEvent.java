package dev.orderflow.events;

/** What inventory-worker publishes on {@code inventory-events}. */
public sealed interface InventoryEvent extends SagaEvent permits StockReserved, StockRejected, StockReleased {
}
