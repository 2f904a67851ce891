package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kassa.support.KassaProcesses;
import dev.kassa.support.KassaProcesses.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Kassa JVM killed with SIGKILL while it is sending webhooks: three endpoints each hold their first event's
 * request open (the receiver accepted it and does not answer), and the others wait behind it (per-endpoint order).
 * A node started again on the same database sends every event once the dead node's leases lapse, the held ones
 * under the same {@code webhook-id}: each event is delivered successfully exactly once, none is lost, each endpoint
 * gets its events in order, and the attempts are recorded as they happened: the dead node's in flight as failed
 * with no HTTP code (nobody knows whether the receiver had it), then the successful one.
 */
class WebhookDeliveryCrashTest {

    static final int ENDPOINTS = 3;
    static final int PURCHASES = 3;
    /** order.created and order.paid, per purchase and endpoint. */
    static final int EVENTS = ENDPOINTS * PURCHASES * 2;
    /** As short as the worker allows (10 s for a POST, and 2 s of margin), so the test does not wait a minute. */
    static final List<String> OPTIONS = List.of("-Dkassa.webhooks.lease=PT12S", "-Dkassa.webhooks.poll-interval=PT1S");

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private KassaProcesses kassa;
    private StallingReceiver receiver;

    @BeforeEach
    void start() throws Exception {
        kassa = KassaProcesses.onNewDatabase(dataDir, "webhook_crash");
        receiver = new StallingReceiver();
    }

    @AfterEach
    void stop() throws IOException {
        receiver.close();
        kassa.close();
    }

    @Test
    void killedMidDeliveryThenRestartedEveryEventIsDeliveredOnceUnderItsIdAndTheLostAttemptIsRecordedAsFailed() throws Exception {
        Node first = kassa.start("first", 0, OPTIONS).awaitReady();
        String token = kassa.createOrganization("Crash", "crash");
        for (int i = 0; i < ENDPOINTS; i++) {
            send(first, "POST", "/v1/webhooks/endpoints", token, Map.of("url", receiver.url(i), "format", "raw",
                    "events", List.of("order.created", "order.paid")));
        }
        String product = send(first, "POST", "/v1/products/", token, Map.of("name", "Book", "prices",
                List.of(Map.of("amount_type", "fixed", "price_amount", 1999)))).get("id").stringValue();

        purchase(first, token, product);
        awaitUntil("every endpoint holds its first event's request open, every event recorded",
                () -> receiver.held().size() == ENDPOINTS && kassa.count("SELECT count(*) FROM webhook_events") == EVENTS);
        first.kill();
        assertThat(kassa.count("SELECT count(*) FROM webhook_deliveries"))
                .as("no attempt finished before the kill (a POST times out after 10 s)").isZero();
        assertThat(kassa.count("SELECT count(*) FROM webhook_events WHERE state = 'pending' AND lease_token IS NOT NULL"))
                .as("the dead node's claims").isEqualTo(ENDPOINTS);
        List<Request> held = receiver.held();
        receiver.answerAtOnce();

        Node restarted = kassa.start("restarted", 0, OPTIONS).awaitReady();
        awaitUntil("every event delivered", () -> kassa.count("SELECT count(*) FROM webhook_events WHERE state <> 'succeeded'") == 0
                && receiver.delivered().size() >= EVENTS);
        Thread.sleep(2500); // time for a duplicate to show up, if there were one

        List<Request> delivered = receiver.delivered();
        Map<String, Long> byId = delivered.stream().collect(Collectors.groupingBy(Request::id, Collectors.counting()));
        assertThat(byId.values()).as("each webhook-id answered 200 once").containsOnly(1L);
        assertThat(byId.keySet()).as("no event lost").containsExactlyInAnyOrderElementsOf(kassa.strings("SELECT id::text FROM webhook_events"));
        for (Request request : held) {
            assertThat(delivered).as("the held event sent again, same id and body").contains(request);
        }
        for (int i = 0; i < ENDPOINTS; i++) {
            int endpoint = i;
            assertThat(delivered.stream().filter(r -> r.endpoint() == endpoint).map(Request::id).toList())
                    .as("endpoint %d in order", endpoint)
                    .containsExactlyElementsOf(kassa.strings("SELECT e.id::text FROM webhook_events e JOIN webhook_endpoints p"
                            + " ON p.id = e.endpoint_id WHERE p.url = '" + receiver.url(endpoint) + "' ORDER BY e.seq"));
        }
        List<String> orders = kassa.strings("SELECT id::text FROM orders");
        assertThat(orders).hasSize(PURCHASES);
        for (String type : List.of("order.created", "order.paid")) {
            assertThat(delivered.stream().filter(r -> r.type().equals(type)).map(Request::dataId).toList())
                    .as(type).hasSize(ENDPOINTS * PURCHASES).containsOnlyElementsOf(orders);
        }

        String heldIds = held.stream().map(r -> "'" + r.id() + "'").collect(Collectors.joining(","));
        assertThat(kassa.strings("SELECT string_agg(succeeded || ' ' || coalesce(http_code::text, '-'), ', ' ORDER BY created_at, succeeded)"
                + " FROM webhook_deliveries WHERE event_id IN (" + heldIds + ") GROUP BY event_id"))
                .as("the dead node's attempt, then the restarted node's").containsExactly("false -, true 200", "false -, true 200", "false -, true 200");
        assertThat(kassa.strings("SELECT response FROM webhook_deliveries WHERE NOT succeeded"))
                .allSatisfy(response -> assertThat(response).startsWith("No outcome recorded: the node sending this attempt stopped"));
        assertThat(kassa.strings("SELECT string_agg(succeeded || ' ' || http_code, ', ') FROM webhook_deliveries"
                + " WHERE event_id NOT IN (" + heldIds + ") GROUP BY event_id")).hasSize(EVENTS - ENDPOINTS).containsOnly("true 200");
        JsonNode failed = send(restarted, "GET", "/v1/webhooks/deliveries?succeeded=false", token, null);
        assertThat(failed.get("items")).hasSize(ENDPOINTS);
        for (JsonNode item : failed.get("items")) {
            assertThat(item.get("http_code").isNull()).isTrue();
            assertThat(item.get("webhook_event").get("succeeded").booleanValue()).as("the event itself succeeded later").isTrue();
        }
        restarted.stop();
    }

    /** {@value #PURCHASES} purchases at once (the first event's 10 s budget runs from the first). */
    private void purchase(Node node, String token, String product) throws Exception {
        try (ExecutorService buyers = Executors.newFixedThreadPool(PURCHASES)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < PURCHASES; i++) {
                int n = i;
                done.add(buyers.submit(() -> {
                    JsonNode checkout = send(node, "POST", "/v1/checkouts/", token, Map.of("products", List.of(product)));
                    HttpResponse<String> confirmationToken = http.send(HttpRequest.newBuilder(node.uri("/_stripe/v1/test_helpers/confirmation_tokens"))
                            .header("Authorization", "Bearer sk_test_kassa_emulator").header("Content-Type", "application/x-www-form-urlencoded")
                            .POST(HttpRequest.BodyPublishers.ofString("payment_method=pm_card_visa")).build(), HttpResponse.BodyHandlers.ofString());
                    return send(node, "POST", "/v1/checkouts/client/" + checkout.get("client_secret").stringValue() + "/confirm", null,
                            Map.of("customer_email", "buyer" + n + "@example.com", "customer_billing_address", Map.of("country", "DE"),
                                    "confirmation_token_id", JSON.readTree(confirmationToken.body()).get("id").stringValue()));
                }));
            }
            for (Future<?> purchase : done) {
                purchase.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private JsonNode send(Node node, String method, String path, String token, Object body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(node.uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private static void awaitUntil(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not done in 90 s: " + what);
            }
            Thread.sleep(100);
        }
    }

    /** A request as the receiver read it: to which endpoint, its {@code webhook-id}, type and resource id, its body. */
    record Request(int endpoint, String id, String type, String dataId, String body) {
    }

    /**
     * Endpoints {@code /hooks/<n>} on loopback. At first it accepts each request, reads it, and holds it open without
     * answering; after {@link #answerAtOnce()} it answers 200 and counts the request as delivered (the held ones are
     * closed unanswered, never counted).
     */
    static final class StallingReceiver implements AutoCloseable {

        private final HttpServer server;
        private final List<Request> held = new CopyOnWriteArrayList<>();
        private final List<Request> delivered = new CopyOnWriteArrayList<>();
        private final CountDownLatch release = new CountDownLatch(1);
        private volatile boolean stalling = true;

        StallingReceiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/hooks/", this::handle);
            server.start();
        }

        private void handle(HttpExchange exchange) throws IOException {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String path = exchange.getRequestURI().getPath();
            JsonNode event = JSON.readTree(body);
            Request request = new Request(Integer.parseInt(path.substring(path.lastIndexOf('/') + 1)),
                    exchange.getRequestHeaders().getFirst("webhook-id"), event.get("type").stringValue(),
                    event.get("data").get("id").stringValue(), body);
            if (stalling) {
                held.add(request);
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                exchange.close();
                return;
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
            delivered.add(request);
        }

        String url(int endpoint) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks/" + endpoint;
        }

        List<Request> held() {
            return List.copyOf(held);
        }

        List<Request> delivered() {
            return List.copyOf(delivered);
        }

        void answerAtOnce() {
            stalling = false;
            release.countDown();
        }

        @Override
        public void close() {
            release.countDown();
            server.stop(0);
        }
    }
}
