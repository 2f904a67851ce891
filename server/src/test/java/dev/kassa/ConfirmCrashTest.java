package dev.kassa;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.KassaProcesses;
import dev.kassa.support.KassaProcesses.Node;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Kassa JVM killed with SIGKILL in the middle of confirms, then started again on the same database: every
 * charge ends in exactly one order, no checkout stays confirmed, nothing is charged twice, and the buyer's retry
 * meanwhile is refused. The database is a PostgreSQL of the test's own (as an operator's would be), so that only
 * Kassa dies; the test-mode Stripe keeps its state in it too.
 *
 * <p>Four checkouts stop at four points of one run: right after the attempt committed (nothing asked of Stripe),
 * after the Stripe customer was saved (no intent yet), during the intent call (Stripe charged and holds its answer
 * back: the emulator's {@code timeout} trigger), and after Stripe answered but before the outcome was recorded.
 */
class ConfirmCrashTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final List<String> POINTS = List.of("confirm.after_attempt_commit", "confirm.after_customer_saved",
            "confirm.after_stripe_answer");
    private static final List<String> OPTIONS = List.of("-Dkassa.payments.pending-grace=PT3S",
            "-Dkassa.payment-reconciliation-interval=PT1S", "-Dkassa.payment-reconciliation-initial-delay=PT1S",
            "-Dkassa.stripe-emulator.fail-after-charge-hang=600s");

    @TempDir
    Path dataDir;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private KassaProcesses kassa;
    private int port;

    @BeforeEach
    void startDatabase() throws Exception {
        kassa = KassaProcesses.onNewDatabase(dataDir, "crash");
    }

    /** A failed assertion must not leave a Kassa JVM running. */
    @AfterEach
    void stopEverything() throws IOException {
        kassa.close();
    }

    @Test
    void killedMidConfirmThenRestartedEveryChargeEndsInExactlyOneOrder() throws Exception {
        port = KassaProcesses.freePort();
        Path marker = dataDir.resolve("paused");
        Node first = kassa.start("first", port, with(OPTIONS, "-Dkassa.faults.pause-at=" + String.join(",", POINTS),
                "-Dkassa.faults.marker=" + marker)).awaitReady();
        String token = kassa.createOrganization("Crash", "crash");
        String product = post("/v1/products/", token, Map.of("name", "Book", "prices",
                List.of(Map.of("amount_type", "fixed", "price_amount", 1999)))).get("id").stringValue();

        List<String> checkouts = new ArrayList<>();
        List<String> secrets = new ArrayList<>();
        List<Map<String, Object>> metadata = new ArrayList<>();
        POINTS.forEach(point -> metadata.add(Map.of("kassa_test_pause_at", point)));
        metadata.add(Map.of("emulator_fail_after_charge", "timeout"));
        for (Map<String, Object> tags : metadata) {
            JsonNode checkout = post("/v1/checkouts/", token, Map.of("products", List.of(product), "metadata", tags));
            checkouts.add(checkout.get("id").stringValue());
            secrets.add(checkout.get("client_secret").stringValue());
        }
        for (int i = 0; i < secrets.size(); i++) {
            String body = JSON.writeValueAsString(paidBody("crash" + i + "@example.com"));
            http.sendAsync(HttpRequest.newBuilder(uri("/v1/checkouts/client/" + secrets.get(i) + "/confirm"))
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString());
        }
        awaitPaused(marker, POINTS.size());
        Thread.sleep(2000); // the timeout-trigger confirm is charged and waiting for its answer by now

        first.kill();

        Node second = kassa.start("second", port, OPTIONS).awaitReady();
        HttpResponse<String> retry = send("POST", "/v1/checkouts/client/" + secrets.getFirst() + "/confirm", null,
                paidBody("crash0@example.com"));
        assertThat(retry.statusCode()).as("the buyer's retry while the first attempt is settled: %s", retry.body()).isIn(409, 403);

        for (String checkout : checkouts) {
            assertThat(awaitStatus(token, checkout, "succeeded")).as("checkout %s", checkout).isEqualTo("succeeded");
        }
        for (String checkout : checkouts) {
            JsonNode orders = get("/v1/orders/?checkout_id=" + checkout, token);
            assertThat(orders.get("items")).as("orders of %s", checkout).hasSize(1);
            assertThat(orders.get("items").get(0).get("total_amount").intValue()).isEqualTo(1999);
            assertThat(kassa.count("SELECT count(*) FROM payment_attempts WHERE checkout_id = '" + checkout + "'")).isEqualTo(1);
            JsonNode intents = get("/_stripe/v1/payment_intents/search?query=" + java.net.URLEncoder.encode(
                    "metadata['checkout_id']:'" + checkout + "'", StandardCharsets.UTF_8), "sk_test_kassa_emulator");
            long charged = 0;
            for (JsonNode intent : intents.get("data")) {
                charged += intent.get("status").stringValue().equals("succeeded") ? 1 : 0;
            }
            assertThat(charged).as("succeeded PaymentIntents of %s", checkout).isEqualTo(1);
        }
        assertThat(kassa.count("SELECT count(*) FROM checkouts WHERE status = 'confirmed'")).isZero();
        second.stop();
    }

    private static List<String> with(List<String> options, String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return all;
    }

    private Map<String, Object> paidBody(String email) throws Exception {
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(uri("/_stripe/v1/test_helpers/confirmation_tokens"))
                .header("Authorization", "Bearer sk_test_kassa_emulator").header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("payment_method=pm_card_visa")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("customer_email", email);
        body.put("customer_billing_address", Map.of("country", "DE"));
        body.put("confirmation_token_id", JSON.readTree(token.body()).get("id").stringValue());
        return body;
    }

    private String awaitStatus(String token, String checkout, String expected) throws Exception {
        Instant deadline = Instant.now().plusSeconds(90);
        String status = null;
        while (Instant.now().isBefore(deadline)) {
            status = get("/v1/checkouts/" + checkout, token).get("status").stringValue();
            if (status.equals(expected)) {
                return status;
            }
            Thread.sleep(250);
        }
        return status;
    }

    private void awaitPaused(Path marker, int points) throws Exception {
        Instant deadline = Instant.now().plusSeconds(60);
        while (Instant.now().isBefore(deadline)) {
            if (Files.exists(marker) && Files.readAllLines(marker).size() >= points) {
                return;
            }
            Thread.sleep(100);
        }
        throw new AssertionError("confirms did not reach their pause points: " + (Files.exists(marker) ? Files.readString(marker) : "none"));
    }

    private JsonNode get(String path, String token) throws Exception {
        HttpResponse<String> response = send("GET", path, token, null);
        assertThat(response.statusCode()).as("GET %s: %s", path, response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private JsonNode post(String path, String token, Object body) throws Exception {
        HttpResponse<String> response = send("POST", path, token, body);
        assertThat(response.statusCode()).as("POST %s: %s", path, response.body()).isEqualTo(201);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String method, String path, String token, Object body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body)));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }
}
