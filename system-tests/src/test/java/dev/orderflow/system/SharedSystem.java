package dev.orderflow.system;

import dev.orderflow.stack.FreePorts;
import dev.orderflow.stack.MailSink;
import dev.orderflow.stack.ServiceEnvironment;
import dev.orderflow.stack.ServiceSpec;
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

    /**
     * The system, the SMTP server email-worker sends to, the SMS provider sms-worker sends to, and the receiver of
     * the services' spans.
     */
    record Running(SystemUnderTest system, MailSink mail, SmsProviderStub sms, SpanReceiver spans)
            implements AutoCloseable {

        /** The shared system: one broker. */
        static Running start() {
            return start(1);
        }

        /** A system of its own, on a cluster of this many brokers (the replication scenario's three). */
        static Running start(int brokers) {
            MailSink mail = new MailSink(FreePorts.any());
            SmsProviderStub sms = SmsProviderStub.start();
            SpanReceiver spans = SpanReceiver.start();
            try {
                SystemUnderTest system = new SystemUnderTest(brokers)
                        .configure("email-worker", "SPRING_MAIL_PORT", Integer.toString(mail.port()))
                        .configure("email-worker", "SPRING_MAIL_HOST", "127.0.0.1")
                        .configure("sms-worker", "ORDERFLOW_SMS_BASE_URL", sms.baseUrl());
                if (brokers > 1) {
                    // A second system may run beside the shared one (JUnit does not promise the class order), and
                    // PostgreSQL allows 100 connections for both and every other user of the machine.
                    ServiceSpec.ALL.forEach(service -> system.configure(service.name(),
                            "SPRING_DATASOURCE_HIKARI_MAXIMUM_POOL_SIZE", "4"));
                }
                for (ServiceSpec service : ServiceSpec.ALL) {
                    system.configure(service.name(), ServiceEnvironment.OTLP_ENDPOINT, spans.endpoint())
                            // Boot's default batches spans for 5 s; shorter keeps the trace test's wait short.
                            .configure(service.name(), "MANAGEMENT_OPENTELEMETRY_TRACING_EXPORT_SCHEDULEDELAY", "200ms")
                            // Sampling follows the caller: only a request that asks for a sampled trace (the trace
                            // test's) is exported, so the other scenarios' load costs no export.
                            .configure(service.name(), "MANAGEMENT_TRACING_SAMPLING_PROBABILITY", "0");
                }
                return new Running(system.start(WORKERS), mail, sms, spans);
            } catch (RuntimeException e) {
                mail.close();
                sms.close();
                spans.close();
                throw e;
            }
        }

        @Override
        public void close() {
            try {
                system.close();
            } finally {
                mail.close();
                sms.close();
                spans.close();
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

    static SmsProviderStub sms() {
        return running.sms();
    }

    static SpanReceiver spans() {
        return running.spans();
    }
}
