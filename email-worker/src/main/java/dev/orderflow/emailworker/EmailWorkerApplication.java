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

    /** Jakarta Mail's system property naming its {@code StreamProvider}. */
    static final String STREAM_PROVIDER_PROPERTY = "jakarta.mail.util.StreamProvider";
    /** Angus Mail's, the one its ServiceLoader would find. */
    static final String ANGUS_STREAM_PROVIDER = "org.eclipse.angus.mail.util.MailStreamProvider";

    public static void main(String[] args) {
        nameTheMailStreamProvider();
        SpringApplication.run(EmailWorkerApplication.class, args);
    }

    /**
     * Jakarta Mail 2.1 looks its {@code StreamProvider} up again each time it encodes a header or a body part
     * (jakartaee/mail-api#861), and without this property that lookup is a ServiceLoader scan of the class path: in
     * the executable jar, of every nested jar. Profiled at 600 emails/s it was 37% of email-worker's CPU; named here,
     * the provider is made directly from its class. Left alone if set already.
     */
    static void nameTheMailStreamProvider() {
        if (System.getProperty(STREAM_PROVIDER_PROPERTY) == null) {
            System.setProperty(STREAM_PROVIDER_PROPERTY, ANGUS_STREAM_PROVIDER);
        }
    }
}
