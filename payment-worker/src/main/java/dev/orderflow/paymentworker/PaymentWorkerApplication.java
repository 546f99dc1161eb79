package dev.orderflow.paymentworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** payment-worker: charges every new order once and refunds it if cancelled (consumer group {@code payment-worker}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class PaymentWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(PaymentWorkerApplication.class, args);
    }
}
