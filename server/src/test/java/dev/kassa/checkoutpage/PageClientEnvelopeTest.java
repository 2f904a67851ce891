package dev.kassa.checkoutpage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.support.ApiTest;
import dev.kassa.support.Scrape;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code Kassa-Client: checkout-page}: the hosted page's client API answers its errors as 200 with the real status in
 * {@code Kassa-Status} and Polar's body unchanged; every other caller gets Polar's statuses, and the access log, the
 * metrics and the Idempotency-Key layer see the real status.
 */
@ExtendWith(OutputCaptureExtension.class)
class PageClientEnvelopeTest extends ApiTest {

    private Tenant tenant;

    @BeforeEach
    void tenant() {
        tenant = data.tenant();
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("kassa.access", LogLevel.INFO);
    }

    @Test
    void aDeclinedCardIsA200WithTheRealStatusAndPolarsBodyForThePage() {
        String secret = checkout(2500);

        String body = page().body(paid("pm_card_chargeDeclined")).post("/v1/checkouts/client/" + secret + "/confirm").then()
                .statusCode(200).header("Kassa-Status", "400").header("Vary", "Kassa-Client").extract().asString();

        assertThat(body).isEqualTo("{\"error\":\"PaymentError\",\"detail\":\"The payment failed: Your card was declined. "
                + "Please try again with a different payment method.\"}");
    }

    @Test
    void withoutTheHeaderADeclineIsPolars400() {
        String secret = checkout(2500);

        anonymous().body(paid("pm_card_chargeDeclined")).post("/v1/checkouts/client/" + secret + "/confirm").then()
                .statusCode(400).header("Kassa-Status", (String) null)
                .body("error", org.hamcrest.Matchers.equalTo("PaymentError"));
    }

    @Test
    void aSuccessCarriesItsStatusToo() {
        String secret = checkout(2500);

        page().get("/v1/checkouts/client/" + secret).then().statusCode(200).header("Kassa-Status", "200")
                .body("client_secret", org.hamcrest.Matchers.equalTo(secret));
    }

    @Test
    void validationErrorsExpiryAndUnknownSecretsAreEnvelopedTheSameWay() {
        String secret = checkout(2500);
        page().body(Map.of("discount_code", "NOPE")).patch("/v1/checkouts/client/" + secret).then().statusCode(200)
                .header("Kassa-Status", "422").body("detail[0].loc", org.hamcrest.Matchers.contains("body", "discount_code"));
        anonymous().body(Map.of("discount_code", "NOPE")).patch("/v1/checkouts/client/" + secret).then().statusCode(422);

        page().get("/v1/checkouts/client/polar_c_unknown").then().statusCode(200).header("Kassa-Status", "404")
                .body("error", org.hamcrest.Matchers.equalTo("ResourceNotFound"));

        String id = anonymous().get("/v1/checkouts/client/" + secret).then().extract().path("id");
        as(tenant).post("/v1/checkouts/" + id + "/expire").then().statusCode(200);
        page().get("/v1/checkouts/client/" + secret).then().statusCode(200).header("Kassa-Status", "410")
                .body("error", org.hamcrest.Matchers.equalTo("ExpiredCheckoutError"));
        anonymous().get("/v1/checkouts/client/" + secret).then().statusCode(410);
    }

    @Test
    void onlyThePagesValueAndTheClientRoutesAreEnveloped() {
        String secret = checkout(2500);
        anonymous().header("Kassa-Client", "something-else").body(Map.of("discount_code", "NOPE"))
                .patch("/v1/checkouts/client/" + secret).then().statusCode(422);
        page().get("/v1/products/").then().statusCode(401).header("Kassa-Status", (String) null);
    }

    @Test
    void theAccessLogAndTheMetricsCountTheRealStatus(CapturedOutput output) {
        String secret = checkout(2500);
        Scrape before = Scrape.of(port);

        page().header("X-Request-Id", "req-enveloped-decline").body(paid("pm_card_chargeDeclined"))
                .post("/v1/checkouts/client/" + secret + "/confirm").then().statusCode(200).header("Kassa-Status", "400");

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll().lines()
                .filter(line -> line.contains("kassa.access") && line.endsWith("request_id=req-enveloped-decline")).toList())
                .singleElement().asString().contains("POST /v1/checkouts/client/{client_secret}/confirm 400 "));
        String series = "http_server_requests_seconds_count";
        String route = "uri=\"/v1/checkouts/client/{client_secret}/confirm\"";
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
            Scrape after = Scrape.of(port);
            assertThat(after.since(before, series, route, "status=\"400\"", "outcome=\"CLIENT_ERROR\"")).isEqualTo(1);
            assertThat(after.since(before, series, route, "status=\"200\"")).isZero();
        });
    }

    @Test
    void anIdempotentDeclineIsKeptWithItsRealStatusAndReplayedToAnSdkAsPolars400() {
        String secret = checkout(2500);
        Map<String, Object> body = paid("pm_card_chargeDeclined");

        page().header("Idempotency-Key", "page-confirm-1").body(body).post("/v1/checkouts/client/" + secret + "/confirm").then()
                .statusCode(200).header("Kassa-Status", "400");

        anonymous().header("Idempotency-Key", "page-confirm-1").body(body).post("/v1/checkouts/client/" + secret + "/confirm")
                .then().statusCode(400).header("Idempotent-Replayed", "true").header("Kassa-Status", (String) null)
                .body("error", org.hamcrest.Matchers.equalTo("PaymentError"));
        page().header("Idempotency-Key", "page-confirm-1").body(body).post("/v1/checkouts/client/" + secret + "/confirm").then()
                .statusCode(200).header("Kassa-Status", "400").header("Idempotent-Replayed", "true")
                .body("error", org.hamcrest.Matchers.equalTo("PaymentError"));
    }

    @Test
    void anEnvelopedValidationErrorIsNotKeptSoTheRetryRunsAnew() {
        String secret = checkout(2500);
        Map<String, Object> bad = Map.of("customer_email", "not-an-email");

        page().header("Idempotency-Key", "page-patch-1").body(bad).patch("/v1/checkouts/client/" + secret).then().statusCode(200)
                .header("Kassa-Status", "422");

        anonymous().header("Idempotency-Key", "page-patch-1").body(bad).patch("/v1/checkouts/client/" + secret).then()
                .statusCode(422).header("Idempotent-Replayed", (String) null);
    }

    // ---------------------------------------------------------------- helpers

    private RequestSpecification page() {
        return anonymous().header("Kassa-Client", "checkout-page");
    }

    private String checkout(long amount) {
        String product = as(tenant).body(Map.of("name", "Poster", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
        return as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");
    }

    private Map<String, Object> paid(String paymentMethod) {
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", paymentMethod).post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");
        return Map.of("customer_email", "ada@example.com", "customer_billing_address", Map.of("country", "IE"),
                "confirmation_token_id", token);
    }
}
