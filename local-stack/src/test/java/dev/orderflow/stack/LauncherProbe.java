package dev.orderflow.stack;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A launcher for {@link StopOnExitTest}, run as its own JVM: starts one child (a long sleep) the way the stack starts
 * its processes, registers its stop with {@link StopOnExit}, prints the child's pid and waits to be ended.
 */
final class LauncherProbe {

    private LauncherProbe() {
    }

    public static void main(String[] args) throws InterruptedException {
        ChildProcess child = new ChildProcess("sleeper", List.of("sleep", "600"), Map.of(), Path.of(args[0]), null);
        StopOnExit.register("probe-stop", () -> child.stop(10));
        child.start();
        System.out.println("child " + child.pid());
        System.out.flush();
        // Runs until the test ends this JVM with a signal: nothing here ever counts down.
        new CountDownLatch(1).await();
    }
}
