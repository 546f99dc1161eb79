package dev.orderflow.stack;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A launcher's orderly stop, run exactly once: when the launcher is closed, when its start fails, or when its JVM is
 * ended by a signal (Ctrl-C, SIGTERM, a build tool giving up on a forked test JVM) before either. Its children run in
 * sessions of their own ({@link ChildProcess}), so the signal does not reach them: without this, a benchmark
 * interrupted during its hour left a broker and six services running, holding ports and CPU, and skewing whatever ran
 * next. Not for SIGKILL, which runs no Java code.
 */
public final class StopOnExit implements AutoCloseable {

    private final Runnable stop;
    private final AtomicBoolean ran = new AtomicBoolean();
    private final Thread hook;

    private StopOnExit(String name, Runnable stop) {
        this.stop = stop;
        this.hook = new Thread(this::stopOnce, name);
    }

    /** Runs {@code stop} when the JVM exits, unless {@link #close()} or a failed {@link #startOrStop} ran it first. */
    public static StopOnExit register(String name, Runnable stop) {
        StopOnExit registration = new StopOnExit(name, stop);
        Runtime.getRuntime().addShutdownHook(registration.hook);
        return registration;
    }

    /**
     * Runs the launcher's start; if it fails, runs the stop before the failure is thrown, so that a half-started
     * launcher leaves no broker or service behind until the JVM ends.
     */
    public void startOrStop(Runnable start) {
        try {
            start.run();
        } catch (RuntimeException | Error e) {
            close();
            throw e;
        }
    }

    /** Runs the stop now, if it has not run yet; nothing is left to do at exit. */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // The JVM is already shutting down: the hook runs (or is running) the stop, which runs once.
        }
        stopOnce();
    }

    private void stopOnce() {
        if (ran.compareAndSet(false, true)) {
            stop.run();
        }
    }
}
