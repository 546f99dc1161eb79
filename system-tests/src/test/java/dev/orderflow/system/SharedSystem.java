package dev.orderflow.system;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.MailSink;
import java.util.List;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * One running system for every scenario class of a test run: a broker and six service JVMs take a minute or two to
 * start on a small machine, so the classes share them, each with customers and SKUs of its own, and every fault
 * scenario leaves the system whole again. Started by the first class that asks, stopped when the run ends.
 */
final class SharedSystem implements BeforeAllCallback {

    static final List<String> WORKERS =
            List.of("payment-worker", "inventory-worker", "email-worker", "sms-worker", "analytics-worker");

    /** The system and the SMTP server email-worker sends to. */
    record Running(SystemUnderTest system, MailSink mail) implements AutoCloseable {

        static Running start() {
            MailSink mail = new MailSink(FreePorts.any());
            try {
                SystemUnderTest system = new SystemUnderTest(1)
                        .configure("email-worker", "SPRING_MAIL_PORT", Integer.toString(mail.port()))
                        .configure("email-worker", "SPRING_MAIL_HOST", "127.0.0.1")
                        .start(WORKERS);
                return new Running(system, mail);
            } catch (RuntimeException e) {
                mail.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                system.close();
            } finally {
                mail.close();
            }
        }
    }

    private static volatile Running running;

    @Override
    public void beforeAll(ExtensionContext context) {
        // The root store closes the system once, after the last class of the run.
        running = context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                .computeIfAbsent(Running.class, key -> Running.start(), Running.class);
    }

    static SystemUnderTest system() {
        return running.system();
    }

    static MailSink mail() {
        return running.mail();
    }
}
