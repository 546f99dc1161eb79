package dev.orderflow.inventoryworker.reservation.web;

import dev.orderflow.events.StockItem;
import dev.orderflow.inventoryworker.reservation.Reservations;
import dev.orderflow.inventoryworker.reservation.Shortage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Read-only view of one order's reservation: {@code GET /reservations/{orderId}}, 404 problem until decided. */
@RestController
// Operations only (ARCHITECTURE.md, Security): a worker's records are read by the people who run it.
@PreAuthorize("hasAuthority('SCOPE_ops')")
class ReservationController {

    private final Reservations reservations;

    ReservationController(Reservations reservations) {
        this.reservations = reservations;
    }

    /**
     * RESERVED with the items taken, REJECTED with what was short, RELEASED with the items given back and when, or
     * SKIPPED (cancelled before it was reserved).
     */
    record ReservationView(UUID orderId, Reservations.Status status, List<StockItem> items, List<Shortage> shortages,
            Instant releasedAt) {
    }

    @GetMapping("/reservations/{orderId}")
    ReservationView get(@PathVariable UUID orderId) {
        Reservations.Status status = reservations.statusOf(orderId).orElseThrow(() -> new ResponseStatusException(
                HttpStatus.NOT_FOUND, "No reservation for order " + orderId));
        return new ReservationView(orderId, status, reservations.itemsOf(orderId), reservations.shortagesOf(orderId),
                reservations.releasedAt(orderId).orElse(null));
    }
}
