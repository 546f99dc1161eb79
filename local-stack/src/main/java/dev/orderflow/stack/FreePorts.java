package dev.orderflow.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/** Free local TCP ports, for stacks that must not collide with a running one (tests, benchmarks). */
public final class FreePorts {

    private FreePorts() {
    }

    /** The first of {@code count} consecutive ports that are free now. */
    public static int consecutive(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int first = any();
            boolean free = true;
            for (int port = first + 1; port < first + count && free; port++) {
                free = isFree(port);
            }
            if (free) {
                return first;
            }
        }
        throw new IllegalStateException("No " + count + " consecutive free ports found");
    }

    public static int any() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException("No free port", e);
        }
    }

    public static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
