package dev.orderflow.worker;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.support.ResourcePropertySource;

/**
 * Adds the settings every worker shares (graceful shutdown, health groups, exposed endpoints, pool size) with the
 * lowest precedence, so each worker's application.yml stays about its business and can still override any of them.
 */
public class WorkerDefaults implements EnvironmentPostProcessor {

    static final String RESOURCE = "orderflow-worker-defaults.properties";

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        try {
            environment.getPropertySources().addLast(new ResourcePropertySource("orderflowWorkerDefaults",
                    new ClassPathResource(RESOURCE, WorkerDefaults.class.getClassLoader())));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + RESOURCE, e);
        }
    }
}
