package dev.orderflow.system;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The SMS provider sms-worker sends to, on loopback: {@code POST /messages} answers {@code 201 {"id": ...}}, or 503
 * while an outage is on. It counts what it answered, so a scenario can tell the outage was felt.
 */
final class SmsProviderStub implements AutoCloseable {

    private final HttpServer server;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong unavailable = new AtomicLong();
    private volatile boolean outage;

    private SmsProviderStub(HttpServer server) {
        this.server = server;
    }

    static SmsProviderStub start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
            SmsProviderStub stub = new SmsProviderStub(server);
            server.createContext("/messages", exchange -> {
                try (exchange) {
                    exchange.getRequestBody().readAllBytes();
                    if (stub.outage) {
                        stub.unavailable.incrementAndGet();
                        exchange.sendResponseHeaders(503, -1);
                        return;
                    }
                    byte[] body = ("{\"id\": \"msg-" + stub.sent.incrementAndGet() + "\"}")
                            .getBytes(StandardCharsets.UTF_8);
                    exchange.getResponseHeaders().add("Content-Type", "application/json");
                    exchange.sendResponseHeaders(201, body.length);
                    exchange.getResponseBody().write(body);
                }
            });
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.start();
            return stub;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String baseUrl() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** From now on every request is answered 503 Service Unavailable, until {@link #recover()}. */
    void failWith503() {
        outage = true;
    }

    void recover() {
        outage = false;
    }

    long sent() {
        return sent.get();
    }

    long answered503() {
        return unavailable.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
