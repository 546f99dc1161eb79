package dev.orderflow.orders.order.web;

import dev.orderflow.orders.order.Order;
import dev.orderflow.orders.order.OrderBook;
import dev.orderflow.orders.order.OrderLifecycle;
import dev.orderflow.orders.order.OrderNotFoundException;
import dev.orderflow.orders.order.PlacedOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.net.URI;
import java.util.UUID;
import org.springframework.data.domain.PageRequest;
import org.springframework.data.domain.Sort;
import org.springframework.data.web.PagedModel;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code /orders}: place an order, read one, list a customer's orders, cancel one. A customer (scope {@code orders})
 * acts only on its own orders, and another customer's order answers 404 exactly as a missing one does; support
 * (scope {@code orders:read-all}) reads every order.
 */
@RestController
@RequestMapping(path = "/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class OrderController {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private final OrderBook orderBook;
    private final OrderLifecycle lifecycle;

    OrderController(OrderBook orderBook, OrderLifecycle lifecycle) {
        this.orderBook = orderBook;
        this.lifecycle = lifecycle;
    }

    /**
     * Places an order: 201 with its Location. A repeated Idempotency-Key with the same body answers the same order
     * again (header {@code Idempotent-Replayed: true}); with another body 422.
     */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @PreAuthorize("hasAuthority('SCOPE_orders')")
    ResponseEntity<OrderResponse> create(
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String idempotencyKey,
            @Valid @RequestBody CreateOrderRequest request, JwtAuthenticationToken token) {
        if (idempotencyKey != null && !idempotencyKey.matches("[\\x21-\\x7E]{1,255}")) {
            throw new InvalidIdempotencyKeyException();
        }
        Caller caller = Caller.of(token);
        if (!caller.isCustomer(request.customerId())) {
            throw new ForeignCustomerException("places orders");
        }
        PlacedOrder placed = orderBook.place(request.toNewOrder(), caller.subject(), idempotencyKey);
        return ResponseEntity.created(URI.create("/orders/" + placed.order().id()))
                .header("Idempotent-Replayed", Boolean.toString(!placed.created()))
                .body(OrderResponse.of(placed.order()));
    }

    @GetMapping("/{id}")
    @PreAuthorize("hasAnyAuthority('SCOPE_orders', 'SCOPE_orders:read-all')")
    OrderResponse find(@PathVariable UUID id, JwtAuthenticationToken token) {
        return OrderResponse.of(readable(id, Caller.of(token)));
    }

    /**
     * The customer cancels: a PENDING or CONFIRMED order becomes CANCELLED (CUSTOMER_REQUEST) and an OrderCancelled
     * is published, so payment is refunded and stock released. Asking again answers the same order (no new event).
     */
    @PostMapping("/{id}/cancel")
    @Operation(summary = "Cancel an order",
            description = "A PENDING or CONFIRMED order becomes CANCELLED with cancellationReason CUSTOMER_REQUEST, "
                    + "and an OrderCancelled event is published on order-lifecycle in the same transaction: whatever "
                    + "succeeded is compensated (payment refunded, stock released). Safe to repeat: an order the "
                    + "customer already cancelled is answered again, unchanged.")
    @ApiResponse(responseCode = "200", description = "The order, now CANCELLED (or already cancelled by the customer)")
    @ApiResponse(responseCode = "404", description = "No such order",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @ApiResponse(responseCode = "409",
            description = "The order was already cancelled for another reason (PAYMENT_DECLINED, OUT_OF_STOCK)",
            content = @Content(mediaType = MediaType.APPLICATION_PROBLEM_JSON_VALUE,
                    schema = @Schema(implementation = ProblemDetail.class)))
    @PreAuthorize("hasAuthority('SCOPE_orders')")
    OrderResponse cancel(@PathVariable UUID id, JwtAuthenticationToken token) {
        Caller caller = Caller.of(token);
        if (!caller.owns(orderBook.find(id))) {
            throw new OrderNotFoundException(id);
        }
        return OrderResponse.of(lifecycle.cancel(id));
    }

    /** A page of one customer's orders, newest first; {@code page} from 0, {@code size} 1–100. */
    @GetMapping
    @PreAuthorize("hasAnyAuthority('SCOPE_orders', 'SCOPE_orders:read-all')")
    PagedModel<OrderResponse> ofCustomer(
            @RequestParam @NotBlank @Size(max = 64) String customerId,
            @RequestParam(defaultValue = "0") @Min(0) @Max(100_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size, JwtAuthenticationToken token) {
        Caller caller = Caller.of(token);
        if (!caller.readsEveryOrder() && !caller.isCustomer(customerId)) {
            throw new ForeignCustomerException("lists orders");
        }
        var pageable = PageRequest.of(page, size, Sort.by(Sort.Order.desc("createdAt"), Sort.Order.desc("id")));
        return new PagedModel<>(orderBook.ofCustomer(customerId, pageable).map(OrderResponse::of));
    }

    /** The order if this caller may see it; otherwise the same 404 as for an order that does not exist. */
    private Order readable(UUID id, Caller caller) {
        Order order = orderBook.find(id);
        if (!caller.mayRead(order)) {
            throw new OrderNotFoundException(id);
        }
        return order;
    }
}
