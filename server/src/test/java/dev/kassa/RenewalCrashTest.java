package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.KassaProcesses;
import dev.kassa.support.KassaProcesses.Node;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Kassa JVM killed with SIGKILL in the middle of renewals, then started again on the same database: each
 * renewal ends in exactly one charge and its order paid. Two subscriptions stop at two points of one run (the
 * fault hook, named by their checkout's metadata, which subscriptions keep): right after the renewal's attempt
 * committed (nothing asked of Stripe), and after Stripe charged but before the outcome was recorded.
 */
class RenewalCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> POINTS = List.of("renewal.after_attempt_commit", "renewal.after_stripe_answer");
    private static final List<String> OPTIONS = List.of("-Dkassa.payments.pending-grace=PT3S", "-Dkassa.renewals.interval=PT1S",
            "-Dkassa.renewals.initial-delay=PT1S");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private KassaProcesses kassa;
    private int port;

    @BeforeEach
    void startDatabase() throws Exception {
        kassa = KassaProcesses.onNewDatabase(dataDir, "renewal_crash");
    }

    @AfterEach
    void stopEverything() throws IOException {
        kassa.close();
    }

    @Test
    void killedMidRenewalThenRestartedEachRenewalIsChargedOnceAndPaid() throws Exception {
        port = KassaProcesses.freePort();
        Path marker = dataDir.resolve("paused");
        List<String> faults = new ArrayList<>(OPTIONS);
        faults.addAll(List.of("-Dkassa.faults.pause-at=" + String.join(",", POINTS), "-Dkassa.faults.marker=" + marker));
        Node first = kassa.start("first", port, faults).awaitReady();
        String token = kassa.createOrganization("Renewals", "renewals");
        String product = send("POST", "/v1/products/", token, Map.of("name", "Monthly", "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).get("id").stringValue();
        List<String> subscriptions = new ArrayList<>();
        for (String point : POINTS) {
            JsonNode checkout = send("POST", "/v1/checkouts/", token, Map.of("products", List.of(product),
                    "metadata", Map.of("kassa_test_pause_at", point)));
            send("POST", "/v1/checkouts/client/" + checkout.get("client_secret").stringValue() + "/confirm", null,
                    Map.of("customer_email", point.replace('.', '-') + "@example.com", "customer_billing_address", Map.of("country", "DE"),
                            "confirmation_token_id", confirmationToken()));
            subscriptions.add(kassa.single("SELECT id::text FROM subscriptions WHERE checkout_id = '" + checkout.get("id").stringValue() + "'"));
        }
        for (String subscription : subscriptions) {
            http.sendAsync(request("POST", "/v1/test-helpers/subscriptions/" + subscription + "/advance", token, null),
                    HttpResponse.BodyHandlers.ofString());
        }
        awaitPaused(marker, POINTS.size());

        first.kill();
        assertThat(kassa.single("SELECT count(*)::text FROM renewal_attempts WHERE status = 'pending'")).isEqualTo("2");

        Node second = kassa.start("second", port, OPTIONS).awaitReady();
        Instant deadline = Instant.now().plusSeconds(90);
        while (Instant.now().isBefore(deadline) && !kassa.single("SELECT count(*)::text FROM renewals WHERE status = 'paid'").equals("2")) {
            Thread.sleep(250);
        }
        for (String subscription : subscriptions) {
            assertThat(kassa.single("SELECT string_agg(status, ',') FROM orders WHERE subscription_id = '" + subscription
                    + "' AND billing_reason = 'subscription_cycle'")).as("renewal orders of %s", subscription).isEqualTo("paid");
            assertThat(kassa.single("SELECT string_agg(a.status, ',') FROM renewal_attempts a JOIN renewals r ON r.id = a.renewal_id"
                    + " WHERE r.subscription_id = '" + subscription + "'")).isEqualTo("succeeded");
            JsonNode intents = send("GET", "/_stripe/v1/payment_intents/search?query=" + URLEncoder.encode(
                    "metadata['subscription_id']:'" + subscription + "'", StandardCharsets.UTF_8), "sk_test_kassa_emulator", null);
            long charged = 0;
            for (JsonNode intent : intents.get("data")) {
                charged += intent.get("status").stringValue().equals("succeeded") ? 1 : 0;
            }
            assertThat(charged).as("succeeded renewal PaymentIntents of %s", subscription).isEqualTo(1);
            assertThat(send("GET", "/v1/subscriptions/" + subscription, token, null).get("status").stringValue()).isEqualTo("active");
        }
        second.stop();
    }

    private String confirmationToken() throws Exception {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(uri("/_stripe/v1/test_helpers/confirmation_tokens"))
                .header("Authorization", "Bearer sk_test_kassa_emulator").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("payment_method=pm_card_visa")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        return JSON.readTree(token.body()).get("id").stringValue();
    }

    private void awaitPaused(Path marker, int points) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(marker) && Files.readAllLines(marker).size() >= points) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("renewals did not reach their pause points: " + (Files.exists(marker) ? Files.readString(marker) : "none"));
    }

    private JsonNode send(String method, String path, String token, Object body) throws Exception {
        HttpResponse<String> response = http.send(request(method, path, token, body), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isBetween(200, 201);
        return JSON.readTree(response.body());
    }

    private HttpRequest request(String method, String path, String token, Object body) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return request.build();
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
