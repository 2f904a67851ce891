package dev.kassa.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus' text format, no token, and Kassa's counters move with a purchase. */
class MetricsEndpointTest extends ApiTest {

    private static final Pattern SAMPLE = Pattern.compile("^([a-zA-Z_:][a-zA-Z0-9_:]*(?:\\{.*\\})?) (\\S+)$");

    @Test
    void aScrapeNeedsNoTokenAndAnswersPrometheusText() {
        String body = RestAssured.given().port(port).get("/metrics").then().statusCode(200)
                .contentType(org.hamcrest.Matchers.startsWith("text/plain")).extract().asString();

        assertThat(body).contains("# TYPE kassa_checkouts_total counter");
        assertThat(body).contains("jvm_memory_used_bytes{");
        assertThat(body).contains("hikaricp_connections_active{");
        assertThat(body).contains("hikaricp_connections_max{");
        assertThat(body).contains("http_server_requests_seconds_bucket{");
    }

    @Test
    void theBacklogGaugesReadTheDatabase() {
        Map<String, Double> samples = scrape();
        for (String gauge : List.of("kassa_webhook_queue_depth", "kassa_webhook_queue_oldest_age_seconds", "kassa_stripe_events_backlog",
                "kassa_stripe_events_oldest_age_seconds", "kassa_payment_attempts_unsettled", "kassa_payment_attempts_awaiting_operator")) {
            assertThat(samples).hasEntrySatisfying(gauge + "{application=\"kassa\"}", value -> assertThat(value).isNotNaN().isNotNegative());
        }
    }

    @Test
    void anInvalidTokenDoesNotStopAScrape() {
        RestAssured.given().port(port).header("Authorization", "Bearer polar_oat_nope").get("/metrics").then().statusCode(200);
    }

    @Test
    void onlyTheMetricsAreExposed() {
        RestAssured.given().port(port).get("/health").then().statusCode(404);
        RestAssured.given().port(port).get("/actuator").then().statusCode(404);
        RestAssured.given().port(port).get("/actuator/prometheus").then().statusCode(404);
    }

    @Test
    void aPurchaseMovesTheCheckoutPaymentAndStripeCounters() {
        Map<String, Double> before = scrape();

        Tenant tenant = data.tenant();
        String product = as(tenant).body(Map.of("name", "E-book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1500))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
        String clientSecret = as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", "pm_card_visa").post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");
        anonymous().body(Map.of("customer_email", "ada@example.com", "customer_billing_address", Map.of("country", "DE"),
                "confirmation_token_id", token)).post("/v1/checkouts/client/" + clientSecret + "/confirm").then().statusCode(200);

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"created\"")).isEqualTo(1);
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"confirmed\"")).isEqualTo(1);
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"succeeded\"")).isEqualTo(1);
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"failed\"")).isZero();
        assertThat(delta(before, after, "kassa_payment_attempts_started_total", "kind=\"payment_intent\"")).isEqualTo(1);
        assertThat(delta(before, after, "kassa_payment_attempt_outcomes_total", "outcome=\"succeeded\"")).isEqualTo(1);
        assertThat(delta(before, after, "kassa_payment_attempt_outcomes_total", "outcome=\"declined\"")).isZero();
        assertThat(delta(before, after, "kassa_stripe_requests_seconds_count", "operation=\"createIntent\"", "outcome=\"created\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "kassa_stripe_requests_seconds_count", "operation=\"saveCustomer\"", "outcome=\"saved\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "http_server_requests_seconds_count", "method=\"POST\"", "status=\"201\"",
                "uri=\"/v1/checkouts/\"")).isEqualTo(1);
        assertThat(delta(before, after, "http_server_requests_seconds_count", "method=\"POST\"", "status=\"200\"",
                "uri=\"/v1/checkouts/client/{client_secret}/confirm\"")).isEqualTo(1);
        assertThat(after.keySet()).noneMatch(series -> series.contains(clientSecret));
    }

    @Test
    void aDeclineIsCountedWithItsCode() {
        Map<String, Double> before = scrape();

        Tenant tenant = data.tenant();
        String product = as(tenant).body(Map.of("name", "E-book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1500))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
        String clientSecret = as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", "pm_card_chargeDeclined")
                .post("/_stripe/v1/test_helpers/confirmation_tokens").then().statusCode(200).extract().path("id");
        anonymous().body(Map.of("customer_email", "bob@example.com", "customer_billing_address", Map.of("country", "DE"),
                "confirmation_token_id", token)).post("/v1/checkouts/client/" + clientSecret + "/confirm").then().statusCode(400);

        Map<String, Double> after = scrape();
        assertThat(delta(before, after, "kassa_payment_attempt_outcomes_total", "outcome=\"declined\"", "code=\"card_declined\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"failed\"")).isEqualTo(1);
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"succeeded\"")).isZero();
    }

    private Map<String, Double> scrape() {
        String body = RestAssured.given().port(port).get("/metrics").then().statusCode(200).extract().asString();
        Map<String, Double> samples = new HashMap<>();
        for (String line : body.split("\n")) {
            Matcher m = SAMPLE.matcher(line);
            if (!line.startsWith("#") && m.matches()) {
                samples.put(m.group(1), Double.parseDouble(m.group(2)));
            }
        }
        return samples;
    }

    /** The change of the one series named {@code name} whose labels include every one of {@code labels}. */
    private static double delta(Map<String, Double> before, Map<String, Double> after, String name, String... labels) {
        List<String> series = after.keySet().stream()
                .filter(s -> s.startsWith(name + "{") && List.of(labels).stream().allMatch(s::contains)).toList();
        List<String> known = before.keySet().stream()
                .filter(s -> s.startsWith(name + "{") && List.of(labels).stream().allMatch(s::contains)).toList();
        double sumAfter = series.stream().mapToDouble(after::get).sum();
        double sumBefore = known.stream().mapToDouble(before::get).sum();
        return sumAfter - sumBefore;
    }
}
