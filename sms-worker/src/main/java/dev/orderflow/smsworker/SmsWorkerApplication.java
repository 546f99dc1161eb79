package dev.orderflow.smsworker;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** sms-worker: texts every new order's customer once (consumer group {@code sms-worker}). */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SmsWorkerApplication {

    public static void main(String[] args) {
        SpringApplication.run(SmsWorkerApplication.class, args);
    }
}
