package dev.kassa.webhook;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/** A merchant's webhook receiver on loopback (the JDK's HTTP server): records every request, answers a chosen status. */
public final class Receiver implements AutoCloseable {

    public record Received(String id, String timestamp, String signature, String userAgent, String contentType, String body,
            Instant at) {
    }

    private final HttpServer server;
    private final List<Received> received = new CopyOnWriteArrayList<>();
    private volatile IntSupplier status = () -> 200;

    public Receiver() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            var h = exchange.getRequestHeaders();
            received.add(new Received(h.getFirst("webhook-id"), h.getFirst("webhook-timestamp"),
                    h.getFirst("webhook-signature"), h.getFirst("user-agent"), h.getFirst("content-type"), body, Instant.now()));
            int code = status.getAsInt();
            byte[] answer = ("answer " + code).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(code, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    public void answer(int code) {
        status = () -> code;
    }

    public void answer(IntSupplier codes) {
        status = codes;
    }

    public List<Received> received() {
        return new ArrayList<>(received);
    }

    public List<String> types() {
        return received().stream().map(r -> (String) dev.kassa.platform.json.Json.readMap(r.body()).get("type")).toList();
    }

    /** Waits until {@code done} holds for what arrived (at most {@code timeout}), and returns it. */
    public List<Received> await(Predicate<List<Received>> done, Duration timeout) throws InterruptedException {
        Instant deadline = Instant.now().plus(timeout);
        while (!done.test(received()) && Instant.now().isBefore(deadline)) {
            Thread.sleep(50);
        }
        return received();
    }

    public static Map<String, Object> json(Received r) {
        return dev.kassa.platform.json.Json.readMap(r.body());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
