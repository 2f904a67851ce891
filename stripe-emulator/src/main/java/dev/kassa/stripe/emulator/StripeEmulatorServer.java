package dev.kassa.stripe.emulator;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The emulator on the JDK's built-in HTTP server, without Spring: for {@link StripeEmulatorApplication} and for
 * other projects' tests ({@code StripeEmulatorServer.start("127.0.0.1", 0, "")}, then point stripe-java's
 * {@code apiBase} at {@link #apiBase()}).
 */
public final class StripeEmulatorServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor;
    private final String basePath;
    private final StripeEmulator emulator;
    private final boolean ownsEmulator;

    private StripeEmulatorServer(HttpServer server, ExecutorService executor, String basePath,
            StripeEmulator emulator, boolean ownsEmulator) {
        this.server = server;
        this.executor = executor;
        this.basePath = basePath;
        this.emulator = emulator;
        this.ownsEmulator = ownsEmulator;
    }

    /**
     * Starts serving on {@code host:port} ({@code port} 0 picks a free one) under {@code basePath} ({@code ""} for
     * the root, like api.stripe.com, or e.g. {@code "/_stripe"}), with a fresh in-memory store.
     */
    public static StripeEmulatorServer start(String host, int port, String basePath) throws IOException {
        return start(host, port, basePath, EmulatorSettings.defaults());
    }

    /** As {@link #start(String, int, String)}, with webhook endpoints and timings from {@code settings}. */
    public static StripeEmulatorServer start(String host, int port, String basePath, EmulatorSettings settings)
            throws IOException {
        StripeEmulator emulator = new StripeEmulator(new InMemoryEmulatorStore(), settings);
        try {
            return start(host, port, basePath, emulator, true);
        } catch (IOException | RuntimeException e) {
            emulator.close();
            throw e;
        }
    }

    /** Serves {@code emulator}, which the caller keeps and closes. */
    public static StripeEmulatorServer start(String host, int port, String basePath, StripeEmulator emulator)
            throws IOException {
        return start(host, port, basePath, emulator, false);
    }

    private static StripeEmulatorServer start(String host, int port, String basePath, StripeEmulator emulator,
            boolean ownsEmulator) throws IOException {
        String base = StripeEmulatorProperties.normalizeBasePath(basePath);
        HttpServer server = HttpServer.create(new InetSocketAddress(host, port), 0);
        ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
        server.setExecutor(executor);
        server.createContext(base.isEmpty() ? "/" : base + "/", exchange -> serve(exchange, base, emulator));
        server.start();
        return new StripeEmulatorServer(server, executor, base, emulator, ownsEmulator);
    }

    private static void serve(HttpExchange exchange, String base, StripeEmulator emulator) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath().substring(base.length());
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            StripeEmulator.Request request = new StripeEmulator.Request(exchange.getRequestMethod(), path,
                    exchange.getRequestURI().getRawQuery(), body, exchange.getRequestHeaders()::getFirst);
            StripeEmulator.Response response = emulator.handle(request);
            if (response.withholdFor() != null) {
                // Test trigger emulator_fail_after_charge=timeout: the work is done; say nothing, then hang up.
                // Closing the exchange before any response headers closes the connection.
                try {
                    Thread.sleep(response.withholdFor());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return;
            }
            byte[] bytes = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            response.headers().forEach(exchange.getResponseHeaders()::set);
            exchange.sendResponseHeaders(response.status(), bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    public StripeEmulator emulator() {
        return emulator;
    }

    public int port() {
        return server.getAddress().getPort();
    }

    /** The value for stripe-java's {@code StripeClient.builder().setApiBase(...)}: no trailing slash. */
    public String apiBase() {
        String host = server.getAddress().getAddress().isAnyLocalAddress() ? "127.0.0.1"
                : server.getAddress().getAddress().getHostAddress();
        return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + basePath;
    }

    /** Stops serving; also closes the emulator (its webhook delivery) when this server created it. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        if (ownsEmulator) {
            emulator.close();
        }
    }
}
