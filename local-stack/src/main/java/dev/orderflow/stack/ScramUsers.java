package dev.orderflow.stack;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ScramCredentialInfo;
import org.apache.kafka.clients.admin.ScramMechanism;
import org.apache.kafka.clients.admin.UserScramCredentialAlteration;
import org.apache.kafka.clients.admin.UserScramCredentialUpsertion;

/** Creates (or resets the password of) SCRAM-SHA-512 users through the admin principal. */
public final class ScramUsers {

    /** Kafka's minimum for SHA-512 is 4096; 8192 as its tools default to. */
    private static final int ITERATIONS = 8192;

    private ScramUsers() {
    }

    /**
     * Upserts one credential per user. The call returns once the controller has committed them; a broker may
     * take a moment longer before it accepts a login, so a caller that logs in at once should retry.
     */
    public static void upsert(Admin admin, Map<String, String> passwords) {
        List<UserScramCredentialAlteration> alterations = passwords.entrySet().stream()
                .<UserScramCredentialAlteration>map(user -> new UserScramCredentialUpsertion(user.getKey(),
                        new ScramCredentialInfo(ScramMechanism.SCRAM_SHA_512, ITERATIONS), user.getValue()))
                .toList();
        try {
            admin.alterUserScramCredentials(alterations).all().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            throw new IllegalStateException("Cannot create Kafka users " + passwords.keySet() + ": " + e.getCause(), e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("Timed out creating Kafka users " + passwords.keySet(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
