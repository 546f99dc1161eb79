package dev.orderflow.console.order;

import tools.jackson.databind.JsonNode;
import dev.orderflow.console.ConsoleProperties;
import dev.orderflow.console.signin.SignedInUser;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.client.RestClient;

/**
 * {@code /api/orders}: order-service's {@code /orders} for the signed-in customer, called with the customer's own
 * token, so order-service applies its own rules (a customer sees only its orders) exactly as for any other client.
 */
@RestController
@RequestMapping(path = "/api/orders", produces = MediaType.APPLICATION_JSON_VALUE)
class CustomerOrders {

    /** The page shows the newest orders; older ones are a page of order-service's API away. */
    private static final int PAGE_SIZE = 20;

    private final RestClient orderService;
    private final SignedInUser user;

    CustomerOrders(RestClient.Builder http, ConsoleProperties properties, SignedInUser user) {
        this.orderService = http.clone().baseUrl(properties.orderService()).build();
        this.user = user;
    }

    @GetMapping
    JsonNode mine(HttpServletRequest request) {
        return orderService.get()
                .uri(uri -> uri.path("/orders").queryParam("customerId", user.name()).queryParam("size", PAGE_SIZE)
                        .build())
                .headers(h -> h.setBearerAuth(user.accessToken(request)))
                .retrieve().body(JsonNode.class);
    }

    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE)
    @ResponseStatus(HttpStatus.CREATED)
    JsonNode place(@Valid @RequestBody NewOrderForm form, HttpServletRequest request) {
        return orderService.post().uri("/orders")
                .headers(h -> h.setBearerAuth(user.accessToken(request)))
                .contentType(MediaType.APPLICATION_JSON)
                .body(form.forCustomer(user.name()))
                .retrieve().body(JsonNode.class);
    }

    @PostMapping("/{id}/cancel")
    JsonNode cancel(@PathVariable UUID id, HttpServletRequest request) {
        return orderService.post().uri("/orders/{id}/cancel", id)
                .headers(h -> h.setBearerAuth(user.accessToken(request)))
                .retrieve().body(JsonNode.class);
    }
}
