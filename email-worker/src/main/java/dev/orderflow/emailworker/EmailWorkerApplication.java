package dev.orderflow.emailworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * email-worker: sends every new order's confirmation email once, and every cancelled order's notice once (consumer
 * group {@code email-worker}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class EmailWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(EmailWorkerApplication.class, args);
    }
}
