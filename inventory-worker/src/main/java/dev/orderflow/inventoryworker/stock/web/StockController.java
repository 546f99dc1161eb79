package dev.orderflow.inventoryworker.stock.web;

import dev.orderflow.inventoryworker.stock.Stock;
import dev.orderflow.inventoryworker.stock.StockLevel;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/** Admin API for stock levels: {@code GET /stock/{sku}} and {@code PUT /stock/{sku}} with {@code {"available": n}}. */
@RestController
// Operations only (ARCHITECTURE.md, Security): a worker's records are read by the people who run it.
@PreAuthorize("hasAuthority('SCOPE_ops')")
@Validated
class StockController {

    private static final String SKU = "[A-Za-z0-9][A-Za-z0-9._-]{0,63}";

    private final Stock stock;

    StockController(Stock stock) {
        this.stock = stock;
    }

    /** The new level of a SKU. */
    record StockUpdate(@NotNull @Min(0) @Max(1_000_000_000) Integer available) {
    }

    @GetMapping("/stock/{sku}")
    StockLevel get(@PathVariable @Pattern(regexp = SKU) String sku) {
        return stock.find(sku).orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND,
                "No stock record for SKU " + sku));
    }

    @PutMapping("/stock/{sku}")
    StockLevel set(@PathVariable @Pattern(regexp = SKU) String sku, @Valid @RequestBody StockUpdate update) {
        return stock.set(sku, update.available());
    }
}
