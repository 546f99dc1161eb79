package dev.orderflow.paymentworker.payment.web;

import dev.orderflow.paymentworker.payment.Payment;
import dev.orderflow.paymentworker.payment.Payments;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * Read-only view of one order's payment and its refund: {@code GET /payments/{orderId}}, 404 problem until the order
 * is handled.
 */
@RestController
// Operations only (ARCHITECTURE.md, Security): a worker's records are read by the people who run it.
@PreAuthorize("hasAuthority('SCOPE_ops')")
class PaymentController {

    private final Payments payments;

    PaymentController(Payments payments) {
        this.payments = payments;
    }

    @GetMapping("/payments/{orderId}")
    Payment get(@PathVariable UUID orderId) {
        return payments.find(orderId).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No payment for order " + orderId));
    }
}
