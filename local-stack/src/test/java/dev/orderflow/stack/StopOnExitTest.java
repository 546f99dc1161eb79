package dev.orderflow.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A launcher ended by SIGTERM (as Ctrl-C or a build tool ends it) stops the children it started, although they run in
 * sessions of their own and never see the signal.
 */
class StopOnExitTest {

    @Test
    void theChildrenOfALauncherEndedBySigtermAreStopped(@TempDir Path logs) throws Exception {
        Process launcher = new ProcessBuilder(ChildProcess.javaExecutable(),
                "-cp", System.getProperty("java.class.path"),
                LauncherProbe.class.getName(), logs.resolve("sleeper.log").toString())
                .redirectErrorStream(true)
                .start();
        ProcessHandle child = null;
        try {
            BufferedReader output = new BufferedReader(
                    new InputStreamReader(launcher.getInputStream(), StandardCharsets.UTF_8));
            String line = CompletableFuture.supplyAsync(() -> {
                try {
                    return output.readLine();
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).get(60, TimeUnit.SECONDS);
            assertThat(line).as("the launcher's first line").startsWith("child ");
            child = ProcessHandle.of(Long.parseLong(line.substring("child ".length()).trim()))
                    .orElseThrow(() -> new AssertionError("the child is not running: " + line));
            assertThat(child.isAlive()).isTrue();

            launcher.destroy();

            assertThat(launcher.waitFor(60, TimeUnit.SECONDS)).as("the launcher exited").isTrue();
            ProcessHandle sleeper = child;
            await().atMost(Duration.ofSeconds(30)).until(() -> !sleeper.isAlive());
        } finally {
            launcher.destroyForcibly();
            if (child != null) {
                child.destroyForcibly();
            }
        }
    }
}
