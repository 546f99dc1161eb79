package dev.orderflow.emailworker;

import static org.assertj.core.api.Assertions.assertThat;

import jakarta.mail.util.StreamProvider;
import org.junit.jupiter.api.Test;

/** The stream provider email-worker names at start-up is one Jakarta Mail can make (a wrong name fails every send). */
class MailStreamProviderTest {

    @Test
    void theNamedStreamProviderIsAngusMailsAndJakartaMailMakesIt() throws Exception {
        EmailWorkerApplication.nameTheMailStreamProvider();

        assertThat(System.getProperty(EmailWorkerApplication.STREAM_PROVIDER_PROPERTY))
                .isEqualTo(EmailWorkerApplication.ANGUS_STREAM_PROVIDER);
        assertThat(StreamProvider.provider()).isInstanceOf(Class.forName(EmailWorkerApplication.ANGUS_STREAM_PROVIDER));
    }
}
