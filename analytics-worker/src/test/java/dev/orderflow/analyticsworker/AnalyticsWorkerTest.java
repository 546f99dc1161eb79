package dev.orderflow.analyticsworker;

import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;

/** The whole analytics-worker on a random port, on real Kafka and PostgreSQL. */
@Retention(RetentionPolicy.RUNTIME)
@WithKafka
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Target(ElementType.TYPE)
@WithPostgres(database = "analytics")
public @interface AnalyticsWorkerTest {
}
