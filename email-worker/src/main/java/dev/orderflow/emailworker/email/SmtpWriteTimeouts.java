package dev.orderflow.emailworker.email;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.mail.javamail.JavaMailSenderImpl;

/**
 * One scheduler thread for the write timeouts of every SMTP connection. Jakarta Mail (Angus Mail) enforces
 * {@code mail.smtp.writetimeout} with a {@link ScheduledExecutorService}, and unless it is given one in
 * {@code mail.smtp.executor.writetimeout} it creates one per connection and shuts it down when the connection
 * closes. With a connection per email that started and ended a platform thread for every email sent; a given
 * executor is shared, and left running by the connections.
 */
@Configuration(proxyBeanMethods = false)
class SmtpWriteTimeouts {

    /** Jakarta Mail's property for the write-timeout scheduler; an object, so it cannot come from application.yml. */
    static final String EXECUTOR_PROPERTY = "mail.smtp.executor.writetimeout";

    /** Static: a post-processor is created before the other beans, the mail sender among them. */
    @Bean
    static SharedScheduler smtpWriteTimeoutScheduler() {
        return new SharedScheduler();
    }

    /** Gives its scheduler to the mail sender before the sender's session (made at the first send) reads it. */
    static final class SharedScheduler implements BeanPostProcessor, DisposableBean {

        private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("smtp-write-timeouts").factory());

        @Override
        public Object postProcessAfterInitialization(Object bean, String beanName) {
            if (bean instanceof JavaMailSenderImpl sender) {
                sender.getJavaMailProperties().put(EXECUTOR_PROPERTY, scheduler);
            }
            return bean;
        }

        @Override
        public void destroy() {
            scheduler.shutdownNow();
        }
    }
}
