package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.kassa.payment.stripe.StripeWebhookEvents;
import dev.kassa.support.KassaProcesses;
import dev.kassa.support.KassaProcesses.Node;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
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
 * Two real Kassa JVMs on one PostgreSQL (the test's own, as an operator's would be), as two nodes behind a load
 * balancer: purchases alternate between them (each checkout created on one node and confirmed on the other), and
 * every background job, running on both nodes at once, does its work once: one order per checkout, each Stripe
 * event processed once although every event is delivered to both nodes again, each merchant webhook delivered
 * once (by {@code webhook-id}), each expired checkout expired once, each renewal advanced on one node billed once,
 * and the charges whose answer was lost settled once by reconciliation.
 *
 * <p>Both nodes run in Stripe test mode with nothing but {@code DATABASE_URL} and {@code PORT} set: each serves the
 * emulator, whose state (and webhook signing secret) is in the shared database, so they share one emulated Stripe.
 * The number of purchases is {@value #DEFAULT_PURCHASES}; {@code -Dkassa.two-nodes.purchases=200} runs more.
 */
class TwoNodesTest {

    static final int DEFAULT_PURCHASES = 50;
    static final int PURCHASES = Integer.getInteger("kassa.two-nodes.purchases", DEFAULT_PURCHASES);
    /** Every tenth purchase is a subscription, renewed afterwards through the test clock. */
    static final int SUBSCRIPTION_EVERY = 10;
    /** Purchases whose charge succeeds while Stripe answers 500: settled by looking the charge up. */
    static final List<Integer> LOST_ANSWERS = List.of(3, 4);
    static final int EXPIRING = 10;

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String EMULATOR_KEY = "sk_test_kassa_emulator";
    private static final List<String> OPTIONS = List.of(
            // Every job often, so that both nodes race for the same work during the test.
            "-Dkassa.checkout-expiry-interval=PT1S", "-Dkassa.stripe-events-poll-interval=PT1S",
            "-Dkassa.webhooks.poll-interval=PT1S", "-Dkassa.renewals.interval=PT1S", "-Dkassa.renewals.initial-delay=PT1S",
            "-Dkassa.payment-reconciliation-interval=PT1S", "-Dkassa.payment-reconciliation-initial-delay=PT1S",
            "-Dkassa.payments.pending-grace=PT3S");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final Node[] nodes = new Node[2];
    private KassaProcesses kassa;

    @BeforeEach
    void startDatabase() throws Exception {
        kassa = KassaProcesses.onNewDatabase(dataDir, "two_nodes");
    }

    @AfterEach
    void stopEverything() throws IOException {
        kassa.close();
    }

    @Test
    void purchasesThroughBothNodesAreEachProcessedOnceByEveryJob() throws Exception {
        // Both at once, as after an outage: Flyway and the emulator's schema set-up must not trip over each other.
        nodes[0] = kassa.start("node0", KassaProcesses.freePort(), OPTIONS);
        nodes[1] = kassa.start("node1", 0, OPTIONS); // PORT=0: Kassa picks a free port, and links name it
        nodes[0].awaitReady();
        nodes[1].awaitReady();
        String token = kassa.createOrganization("Two nodes", "two-nodes");
        String oneTime = send(0, "POST", "/v1/products/", token, Map.of("name", "Book",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1999)))).get("id").stringValue();
        String monthly = send(1, "POST", "/v1/products/", token, Map.of("name", "Monthly", "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).get("id").stringValue();
        try (Receiver receiver = new Receiver()) {
            send(0, "POST", "/v1/webhooks/endpoints", token, Map.of("url", receiver.url(), "format", "raw",
                    "events", List.of("order.created", "order.paid", "checkout.expired")));

            assertThat(send(1, "POST", "/v1/checkouts/", token, Map.of("products", List.of(oneTime))).get("url").stringValue())
                    .as("PUBLIC_BASE_URL unset, PORT=0").startsWith("http://localhost:" + nodes[1].port() + "/checkout/");
            List<String> purchased = purchaseThroughBothNodes(token, oneTime, monthly);
            List<String> expiring = expireThroughBothNodes(token, oneTime);
            awaitUntil("every purchase succeeded", () -> kassa.count("SELECT count(*) FROM checkouts WHERE status = 'succeeded'") == PURCHASES);
            List<String> subscriptions = renewOnAlternateNodes(token);
            resendEveryStripeEventToBothNodes();

            awaitUntil("every renewal paid", () -> kassa.count("SELECT count(*) FROM renewals WHERE status = 'paid'") == subscriptions.size());
            awaitUntil("every Stripe event processed", () -> kassa.count("SELECT count(*) FROM stripe_events WHERE processed_at IS NULL") == 0);
            awaitUntil("every merchant webhook delivered", () -> kassa.count("SELECT count(*) FROM webhook_events WHERE state <> 'succeeded'") == 0
                    && receiver.received().size() >= kassa.count("SELECT count(*) FROM webhook_events"));
            Thread.sleep(2500); // time for a duplicate to show up, if there were one

            assertOneOrderAndOneChargePerCheckout(purchased);
            assertEachStripeEventStoredAndProcessedOnce();
            assertEachWebhookDeliveredOnce(receiver, expiring);
            assertEachRenewalBilledOnce(subscriptions);
            System.out.printf("Two nodes: %d purchases, %d checkouts expired, %d renewals, %d Stripe events (each delivered"
                    + " at least three times), %d merchant webhooks%n", PURCHASES, expiring.size(), subscriptions.size(),
                    kassa.count("SELECT count(*) FROM stripe_events"), receiver.received().size());
        }
        for (Node node : nodes) {
            node.stop();
        }
    }

    /** Purchase i: its checkout created on node i % 2 and confirmed on the other; a few at a time, like buyers. */
    private List<String> purchaseThroughBothNodes(String token, String oneTime, String monthly) throws Exception {
        List<String> checkouts = new CopyOnWriteArrayList<>();
        try (ExecutorService buyers = Executors.newFixedThreadPool(6)) {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < PURCHASES; i++) {
                int n = i;
                done.add(buyers.submit(() -> {
                    int creator = n % 2;
                    Map<String, Object> create = new LinkedHashMap<>();
                    create.put("products", List.of(n % SUBSCRIPTION_EVERY == 0 ? monthly : oneTime));
                    if (LOST_ANSWERS.contains(n)) {
                        create.put("metadata", Map.of("emulator_fail_after_charge", "500"));
                    }
                    JsonNode checkout = send(creator, "POST", "/v1/checkouts/", token, create);
                    checkouts.add(checkout.get("id").stringValue());
                    HttpResponse<String> confirmed = raw(1 - creator, "POST", "/v1/checkouts/client/"
                            + checkout.get("client_secret").stringValue() + "/confirm", null, Map.of(
                            "customer_email", "buyer" + n + "@example.com", "customer_billing_address", Map.of("country", "DE"),
                            "confirmation_token_id", confirmationToken(creator)));
                    if (!LOST_ANSWERS.contains(n)) {
                        assertThat(confirmed.statusCode()).as("confirm %d: %s", n, confirmed.body()).isEqualTo(200);
                    }
                    return null;
                }));
            }
            for (Future<?> purchase : done) {
                purchase.get(120, TimeUnit.SECONDS);
            }
        }
        return List.copyOf(checkouts);
    }

    /** Open checkouts on both nodes, then past their expiry: both nodes' expiry jobs race for them. */
    private List<String> expireThroughBothNodes(String token, String product) throws Exception {
        List<String> expiring = new ArrayList<>();
        for (int i = 0; i < EXPIRING; i++) {
            expiring.add(send(i % 2, "POST", "/v1/checkouts/", token, Map.of("products", List.of(product))).get("id").stringValue());
        }
        kassa.update("UPDATE checkouts SET expires_at = now() - interval '1 second' WHERE id IN (" + quoted(expiring) + ")");
        awaitUntil("every checkout expired", () -> kassa.count("SELECT count(*) FROM checkouts WHERE status = 'expired'") == EXPIRING);
        return expiring;
    }

    /** Each subscription advanced to its renewal once, on alternate nodes, while both nodes' renewal jobs run. */
    private List<String> renewOnAlternateNodes(String token) throws Exception {
        List<String> subscriptions = kassa.strings("SELECT id::text FROM subscriptions ORDER BY id");
        assertThat(subscriptions).hasSize((PURCHASES + SUBSCRIPTION_EVERY - 1) / SUBSCRIPTION_EVERY);
        List<Thread> advances = new ArrayList<>();
        for (int i = 0; i < subscriptions.size(); i++) {
            int node = i % 2;
            String subscription = subscriptions.get(i);
            advances.add(Thread.ofVirtual().start(() -> {
                try {
                    send(node, "POST", "/v1/test-helpers/subscriptions/" + subscription + "/advance", token, null);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }));
        }
        for (Thread advance : advances) {
            advance.join();
        }
        return subscriptions;
    }

    /** Stripe delivers at least once: every event Kassa subscribes to arrives again, at each node. */
    private void resendEveryStripeEventToBothNodes() throws Exception {
        List<String> events = kassa.strings("SELECT id FROM stripe_emulator.objects WHERE kind = 'event' AND body::jsonb ->> 'type' IN ("
                + quoted(StripeWebhookEvents.ENABLED) + ")");
        assertThat(events).hasSizeGreaterThanOrEqualTo(PURCHASES);
        try (ExecutorService resenders = Executors.newFixedThreadPool(4)) {
            List<Future<?>> done = new ArrayList<>();
            for (String event : events) {
                for (int node = 0; node < 2; node++) {
                    int target = node;
                    done.add(resenders.submit(() -> stripe(target, "/v1/test_helpers/events/" + event + "/resend", "")));
                }
            }
            for (Future<?> resend : done) {
                resend.get(60, TimeUnit.SECONDS);
            }
        }
    }

    private void assertOneOrderAndOneChargePerCheckout(List<String> checkouts) throws Exception {
        assertThat(checkouts).hasSize(PURCHASES).doesNotHaveDuplicates();
        String in = quoted(checkouts);
        assertThat(kassa.count("SELECT count(*) FROM checkouts WHERE status = 'succeeded' AND id IN (" + in + ")")).isEqualTo(PURCHASES);
        assertThat(kassa.count("SELECT count(*) FROM orders WHERE checkout_id IN (" + in + ")")).as("one order per checkout").isEqualTo(PURCHASES);
        assertThat(kassa.strings("SELECT checkout_id::text || ': ' || count(*) FROM payment_attempts GROUP BY checkout_id HAVING count(*) <> 1"))
                .as("one payment attempt per checkout").isEmpty();
        assertThat(kassa.strings("SELECT id::text || ' ' || status FROM payment_attempts WHERE status <> 'succeeded' OR flagged_at IS NOT NULL"))
                .as("every attempt settled, none flagged for a person").isEmpty();
        Map<String, Long> charges = counts("SELECT body::jsonb -> 'metadata' ->> 'checkout_id', count(*) FROM stripe_emulator.objects"
                + " WHERE kind = 'payment_intent' AND body::jsonb ->> 'status' = 'succeeded'"
                + " AND body::jsonb -> 'metadata' ->> 'checkout_id' IS NOT NULL GROUP BY 1");
        assertThat(charges.keySet()).containsExactlyInAnyOrderElementsOf(checkouts);
        assertThat(moreThanOnce(charges)).as("checkouts with more than one succeeded PaymentIntent").isEmpty();
    }

    private void assertEachStripeEventStoredAndProcessedOnce() throws Exception {
        assertThat(kassa.strings("SELECT e.id FROM stripe_emulator.objects e WHERE e.kind = 'event' AND e.body::jsonb ->> 'type' IN ("
                + quoted(StripeWebhookEvents.ENABLED) + ") AND NOT EXISTS (SELECT 1 FROM stripe_events s WHERE s.id = e.id)"))
                .as("every event Stripe sent was stored").isEmpty();
        assertThat(kassa.count("SELECT count(*) FROM stripe_events WHERE processed_at IS NULL")).isZero();
    }

    private void assertEachWebhookDeliveredOnce(Receiver receiver, List<String> expired) throws Exception {
        List<Received> received = receiver.received();
        Map<String, Long> byId = received.stream().collect(Collectors.groupingBy(Received::id, Collectors.counting()));
        assertThat(moreThanOnce(byId)).as("webhook-ids delivered more than once").isEmpty();
        assertThat(byId).hasSize((int) kassa.count("SELECT count(*) FROM webhook_events"));
        assertThat(kassa.strings("SELECT event_id::text || ': ' || count(*) FROM webhook_deliveries GROUP BY event_id HAVING count(*) <> 1"))
                .as("one delivery attempt per event (the receiver answers 200)").isEmpty();
        Map<String, List<String>> idsByType = new HashMap<>();
        for (Received r : received) {
            JsonNode body = JSON.readTree(r.body());
            idsByType.computeIfAbsent(body.get("type").stringValue(), t -> new ArrayList<>()).add(body.get("data").get("id").stringValue());
        }
        assertThat(idsByType.get("checkout.expired")).as("checkout.expired once per expired checkout")
                .containsExactlyInAnyOrderElementsOf(expired);
        List<String> orders = kassa.strings("SELECT id::text FROM orders");
        assertThat(idsByType.get("order.created")).as("order.created once per order").containsExactlyInAnyOrderElementsOf(orders);
        assertThat(idsByType.get("order.paid")).as("order.paid once per order").containsExactlyInAnyOrderElementsOf(orders);
    }

    private void assertEachRenewalBilledOnce(List<String> subscriptions) throws Exception {
        String in = quoted(subscriptions);
        Map<String, Long> renewalOrders = counts("SELECT subscription_id::text, count(*) FROM orders"
                + " WHERE billing_reason = 'subscription_cycle' AND status = 'paid' GROUP BY 1");
        assertThat(renewalOrders).containsOnlyKeys(subscriptions);
        assertThat(moreThanOnce(renewalOrders)).as("subscriptions with more than one paid renewal order").isEmpty();
        assertThat(kassa.count("SELECT count(*) FROM orders WHERE billing_reason = 'subscription_cycle'")).isEqualTo(subscriptions.size());
        assertThat(kassa.count("SELECT count(*) FROM renewals WHERE subscription_id IN (" + in + ")")).isEqualTo(subscriptions.size());
        assertThat(kassa.strings("SELECT r.subscription_id::text || ' ' || a.status FROM renewal_attempts a JOIN renewals r ON r.id = a.renewal_id"
                + " WHERE a.status <> 'succeeded'")).isEmpty();
        assertThat(kassa.count("SELECT count(*) FROM renewal_attempts")).as("one renewal charge per subscription").isEqualTo(subscriptions.size());
        Map<String, Long> charges = counts("SELECT body::jsonb -> 'metadata' ->> 'subscription_id', count(*) FROM stripe_emulator.objects"
                + " WHERE kind = 'payment_intent' AND body::jsonb ->> 'status' = 'succeeded'"
                + " AND body::jsonb -> 'metadata' ->> 'subscription_id' IS NOT NULL GROUP BY 1");
        assertThat(charges).containsOnlyKeys(subscriptions);
        assertThat(moreThanOnce(charges)).as("subscriptions with more than one succeeded renewal PaymentIntent").isEmpty();
    }

    // ---- the nodes ----

    private String confirmationToken(int node) throws Exception {
        return JSON.readTree(stripe(node, "/v1/test_helpers/confirmation_tokens", "payment_method=pm_card_visa")).get("id").stringValue();
    }

    /** A POST to the node's emulated Stripe ({@code /_stripe}); both nodes' emulators share the database's state. */
    private String stripe(int node, String path, String form) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(uri(node, "/_stripe" + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + EMULATOR_KEY).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST /_stripe%s: %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private JsonNode send(int node, String method, String path, String token, Object body) throws Exception {
        HttpResponse<String> response = raw(node, method, path, token, body);
        assertThat(response.statusCode()).as("%s %s on node %d: %s", method, path, node, response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> raw(int node, String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(node, path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(int node, String path) {
        return nodes[node].uri(path);
    }

    // ---- the shared database ----

    private void awaitUntil(String what, BooleanSupplier done) throws InterruptedException {
        Instant deadline = Instant.now().plusSeconds(90);
        while (!done.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("not done in 90 s: " + what);
            }
            Thread.sleep(250);
        }
    }

    private Map<String, Long> counts(String sql) throws Exception {
        Map<String, Long> counts = new HashMap<>();
        try (Connection connection = kassa.connection();
                Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            while (rs.next()) {
                counts.put(rs.getString(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static Map<String, Long> moreThanOnce(Map<String, Long> counts) {
        return counts.entrySet().stream().filter(e -> e.getValue() != 1)
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    private static String quoted(List<String> values) {
        return values.stream().map(v -> "'" + v.replace("'", "''") + "'").collect(Collectors.joining(","));
    }

    // ---- the merchant's webhook receiver ----

    record Received(String id, String body) {
    }

    /** On loopback (the JDK's HTTP server): records every request with its {@code webhook-id}, answers 200. */
    static final class Receiver implements AutoCloseable {
        private final HttpServer server;
        private final List<Received> received = new CopyOnWriteArrayList<>();

        Receiver() throws IOException {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            server.createContext("/", exchange -> {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                received.add(new Received(exchange.getRequestHeaders().getFirst("webhook-id"), body));
                exchange.sendResponseHeaders(200, -1);
                exchange.close();
            });
            server.start();
        }

        String url() {
            return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
        }

        List<Received> received() {
            return List.copyOf(received);
        }

        @Override
        public void close() {
            server.stop(0);
        }
    }
}
