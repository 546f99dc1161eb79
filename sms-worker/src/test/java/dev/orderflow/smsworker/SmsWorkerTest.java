package dev.orderflow.smsworker;

import dev.orderflow.testsupport.WithKafka;
import dev.orderflow.testsupport.WithPostgres;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ContextConfiguration;

/** The whole sms-worker on a random port, on real Kafka and PostgreSQL, texting through the test provider. */
@WithPostgres(database = "sms")
@WithKafka
@ContextConfiguration(initializers = SmsProviderServer.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SmsWorkerTest {
}
