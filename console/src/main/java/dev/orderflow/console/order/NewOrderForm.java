package dev.orderflow.console.order;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import java.util.List;

/**
 * What the page sends to place an order: everything but the customer, which the console takes from the sign-in,
 * so a page cannot order for somebody else. order-service validates the rest and names each bad field.
 */
public record NewOrderForm(@NotNull @Valid Contact contact, @NotBlank String currency,
        @NotEmpty List<@NotNull Item> items) {

    public record Contact(@NotBlank String email, String phone) {
    }

    public record Item(String sku, Integer quantity, Long unitPriceMinor) {
    }

    /** The body of order-service's {@code POST /orders}. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record OrderRequest(String customerId, Contact contact, String currency, List<Item> items) {
    }

    OrderRequest forCustomer(String customerId) {
        return new OrderRequest(customerId, contact, currency, items);
    }
}
