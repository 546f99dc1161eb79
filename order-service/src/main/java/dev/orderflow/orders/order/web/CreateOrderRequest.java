package dev.orderflow.orders.order.web;

import dev.orderflow.orders.order.NewOrder;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.util.List;

/**
 * The body of {@code POST /orders}. Limits: customerId 1–64 characters, a valid email, an E.164 phone (optional),
 * an ISO 4217 currency, 1–100 items, quantity 1–1,000, unitPriceMinor ≥ 0, a total that fits in a long.
 */
@TotalFitsInLong
public record CreateOrderRequest(
        @NotBlank @Size(max = 64) String customerId,
        @NotNull @Valid Contact contact,
        @Size(min = 1, max = 16) @Pattern(regexp = "[A-Za-z0-9_-]*", message = "must be letters, digits, - or _")
        String region,
        @NotNull @IsoCurrency String currency,
        @NotNull @Size(min = 1, max = 100) List<@NotNull @Valid Item> items) {

    /** How to reach the customer. */
    public record Contact(
            @NotBlank @Size(max = 254) @Email(regexp = "[^@\\s]+@[^@\\s]+\\.[^@\\s]+") String email,
            @Pattern(regexp = "\\+[1-9][0-9]{1,14}", message = "must be an E.164 number, e.g. +447700900123")
            String phone) {
    }

    /** One line: {@code quantity} units of {@code sku} at {@code unitPriceMinor} each. */
    public record Item(
            @NotBlank @Size(max = 64) String sku,
            @NotNull @Min(1) @Max(1000) Integer quantity,
            @NotNull @PositiveOrZero Long unitPriceMinor) {
    }

    NewOrder toNewOrder() {
        return new NewOrder(customerId, contact.email(), contact.phone(), region, currency,
                items.stream().map(i -> new NewOrder.Line(i.sku(), i.quantity(), i.unitPriceMinor())).toList());
    }
}
