package dev.orderflow.loadtest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A mail server for email-worker's benchmark that takes as long as a real one: it speaks just enough SMTP for
 * Jakarta Mail (greeting, EHLO, MAIL, RCPT, DATA, QUIT), discards each message and answers its end of data only after
 * {@code delay} (the seed's 300 ms). A connection per virtual thread, so hundreds of sends wait at once, as they
 * would at a provider. Not a test double for correctness: GreenMail (local-stack's MailSink) keeps messages but has
 * no delay.
 */
final class SlowSmtpServer implements AutoCloseable {

    private final ServerSocket socket;
    private final ExecutorService connections = Executors.newVirtualThreadPerTaskExecutor();
    private final Duration delay;
    private final AtomicLong accepted = new AtomicLong();

    SlowSmtpServer(Duration delay) throws IOException {
        this.delay = delay;
        this.socket = new ServerSocket(0, 4096, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("slow-smtp-accept").start(this::accept);
    }

    int port() {
        return socket.getLocalPort();
    }

    /** Messages accepted so far. */
    long accepted() {
        return accepted.get();
    }

    private void accept() {
        while (!socket.isClosed()) {
            try {
                Socket connection = socket.accept();
                connections.execute(() -> converse(connection));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void converse(Socket connection) {
        try (connection; var in = new BufferedReader(new InputStreamReader(connection.getInputStream(),
                StandardCharsets.US_ASCII)); OutputStream out = connection.getOutputStream()) {
            reply(out, "220 bench ESMTP");
            String line;
            while ((line = in.readLine()) != null) {
                String command = line.length() >= 4 ? line.substring(0, 4).toUpperCase() : line.toUpperCase();
                switch (command) {
                    case "EHLO", "HELO" -> reply(out, "250 bench");
                    case "DATA" -> {
                        reply(out, "354 End data with <CR><LF>.<CR><LF>");
                        while ((line = in.readLine()) != null && !line.equals(".")) {
                            // the message is discarded
                        }
                        Thread.sleep(delay);
                        accepted.incrementAndGet();
                        reply(out, "250 OK queued");
                    }
                    case "QUIT" -> {
                        reply(out, "221 Bye");
                        return;
                    }
                    default -> reply(out, "250 OK");
                }
            }
        } catch (IOException | InterruptedException e) {
            // the client went away, or the benchmark ends
        }
    }

    private static void reply(OutputStream out, String line) throws IOException {
        out.write((line + "\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
    }

    @Override
    public void close() throws IOException {
        socket.close();
        connections.shutdownNow();
    }
}
