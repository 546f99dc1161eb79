package dev.orderflow.worker.testing;

import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.annotation.AliasFor;

/**
 * A worker application under test: the whole Spring Boot application on a random port, against the test Kafka and a
 * test database of the given name. Test classes with the same attributes share one application context.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@WithKafka
@WithPostgres
public @interface WorkerTest {

    /** The test database, e.g. {@code payments}. */
    @AliasFor(annotation = WithPostgres.class, attribute = "database")
    String database();

    /** Extra properties, e.g. a shorter simulated provider latency. */
    @AliasFor(annotation = SpringBootTest.class, attribute = "properties")
    String[] properties() default {};
}
