package dev.orderflow.inventoryworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * inventory-worker: reserves the stock of every new order, all or nothing, and releases it if the order is cancelled
 * (consumer group {@code inventory-worker}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class InventoryWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryWorkerApplication.class, args);
    }
}
