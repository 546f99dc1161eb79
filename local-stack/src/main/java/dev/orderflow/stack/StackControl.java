package dev.orderflow.stack;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.stream.Collectors;

/**
 * A small HTTP face of the running local stack on loopback, so scripts (the demo) can stop and start one service
 * the way {@code docker compose stop/start} does:
 * {@code GET /services}, {@code POST /services/<name>/stop}, {@code POST /services/<name>/start}; and
 * {@code GET /mail}, the messages the local SMTP server received.
 */
final class StackControl implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, ServiceProcess> services;
    private final MailSink mail;

    StackControl(int port, List<ServiceProcess> services, MailSink mail) throws IOException {
        this.mail = mail;
        this.services = services.stream().collect(Collectors.toMap(s -> s.spec().name(), s -> s));
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/services", this::handle);
        server.createContext("/mail", exchange -> {
            try (exchange) {
                reply(exchange, 200, String.join("\n", mail.received()) + "\n");
            }
        });
        server.start();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getPath().split("/");
        String method = exchange.getRequestMethod();
        try (exchange) {
            if (parts.length == 2 && method.equals("GET")) {
                String body = services.values().stream()
                        .map(s -> s.spec().name() + " " + (s.isReady() ? "ready" : s.isAlive() ? "starting" : "stopped"))
                        .sorted().collect(Collectors.joining("\n", "", "\n"));
                reply(exchange, 200, body);
                return;
            }
            if (parts.length == 4 && method.equals("POST")) {
                ServiceProcess service = services.get(parts[2]);
                if (service == null) {
                    reply(exchange, 404, "no service " + parts[2] + "\n");
                    return;
                }
                switch (parts[3]) {
                    case "stop" -> service.stop();
                    case "start" -> {
                        service.start();
                        service.awaitReady(Duration.ofSeconds(120));
                    }
                    default -> {
                        reply(exchange, 404, "actions: stop, start\n");
                        return;
                    }
                }
                reply(exchange, 200, service.spec().name() + " " + parts[3] + (parts[3].equals("stop") ? "ped" : "ed") + "\n");
                return;
            }
            reply(exchange, 404, "GET /services, POST /services/<name>/stop|start\n");
        } catch (RuntimeException e) {
            reply(exchange, 500, e.getMessage() + "\n");
        }
    }

    private static void reply(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
