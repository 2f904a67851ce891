package dev.kassa.platform.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.Scrape;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /metrics}: Prometheus' text format, no token, and Kassa's counters move with a purchase. */
class MetricsEndpointTest extends ApiTest {

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
        Map<String, Double> samples = scrape().samples();
        for (String gauge : List.of("kassa_webhook_queue_depth", "kassa_webhook_queue_oldest_age_seconds", "kassa_stripe_events_backlog",
                "kassa_stripe_events_oldest_age_seconds", "kassa_payment_attempts_unsettled", "kassa_payment_attempts_awaiting_operator",
                "kassa_renewal_attempts_awaiting_operator")) {
            assertThat(samples).hasEntrySatisfying(gauge + "{application=\"kassa\"}", value -> assertThat(value).isNotNaN().isNotNegative());
        }
    }

    @Test
    void prometheusAcceptHeaderGetsTheTextFormat() {
        RestAssured.given().port(port).header("Accept", "text/plain;version=0.0.4;q=0.5,*/*;q=0.1").get("/metrics").then()
                .statusCode(200).contentType(org.hamcrest.Matchers.startsWith("text/plain"));
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
        Scrape before = scrape();

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

        Scrape after = scrape();
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
        assertThat(after.samples().keySet()).noneMatch(series -> series.contains(clientSecret));
    }

    @Test
    void aDeclineIsCountedWithItsCode() {
        Scrape before = scrape();

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

        Scrape after = scrape();
        assertThat(delta(before, after, "kassa_payment_attempt_outcomes_total", "outcome=\"declined\"", "code=\"card_declined\""))
                .isEqualTo(1);
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"failed\"")).isEqualTo(1);
        assertThat(delta(before, after, "kassa_checkouts_total", "event=\"succeeded\"")).isZero();
    }

    private Scrape scrape() {
        return Scrape.of(port);
    }

    private static double delta(Scrape before, Scrape after, String name, String... labels) {
        return after.since(before, name, labels);
    }
}
