package dev.orderflow.analyticsworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * analytics-worker: projects every new order into sales figures, and the order lifecycle into outcomes and net
 * revenue (consumer group {@code analytics-worker}).
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class AnalyticsWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(AnalyticsWorkerApplication.class, args);
    }
}
