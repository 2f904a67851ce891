package dev.kassa.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.support.ApiTest;
import dev.kassa.support.Scrape;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The default limits (Polar's production ones), on the suite's shared server: every test has its own token or checkout. */
@ExtendWith(OutputCaptureExtension.class)
class RateLimitTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    @BeforeEach
    void logAtInfo() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("kassa.access", LogLevel.INFO);
    }

    @Test
    void anAnswerCarriesTheRateLimitHeadersOfItsZone() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(5);
        Tenant tenant = data.tenant();

        ExtractableResponse<Response> answer = as(tenant).get("/v1/products/").then().statusCode(200).extract();

        assertThat(answer.header("RateLimit-Limit")).isEqualTo("500");
        assertThat(answer.header("RateLimit-Remaining")).isEqualTo("499");
        assertThat(Integer.parseInt(answer.header("RateLimit-Reset"))).isBetween(1, 60);
        assertThat(answer.header("RateLimit-Policy")).isEqualTo("500;w=60");
    }

    @Test
    void aBurstOverTheTokensLimitIsRefusedWith429RetryAfterAndPolarsErrorBody(CapturedOutput output) throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(30);
        Tenant tenant = data.tenant();
        Scrape before = Scrape.of(port);
        for (int i = 0; i < 500; i++) {
            as(tenant).get("/v1/products/").then().statusCode(200);
        }

        ExtractableResponse<Response> refused = as(tenant).header("X-Request-Id", "req-refused-1").get("/v1/products/").then()
                .extract();

        assertThat(refused.statusCode()).isEqualTo(429);
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(refused.asString()).isEqualTo("{\"error\":\"TooManyRequests\",\"detail\":\"Rate limit exceeded: at most 500 per "
                + "minute per access token. Retry after " + retryAfter + " seconds.\"}");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        assertThat(Scrape.of(port).since(before, "kassa_rate_limited_total", "zone=\"token\"")).isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll().lines()
                .filter(line -> line.contains("request_id=req-refused-1"))).singleElement().asString()
                .contains("GET /v1/products/ 429"));
        assertThat(output.getAll()).doesNotContain(tenant.token());
    }

    @Test
    void aRefusedMutationIsNotRememberedByItsIdempotencyKey() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(30);
        Tenant tenant = data.tenant();
        for (int i = 0; i < 500; i++) {
            as(tenant).get("/v1/products/").then().statusCode(200);
        }
        Map<String, Object> product = Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900)));

        as(tenant).header("Idempotency-Key", "refused-once").body(product).post("/v1/products/").then().statusCode(429);

        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'refused-once' AND scope LIKE :scope")
                .param("scope", "%" + tenant.organizationId() + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE organization_id = :org").param("org", tenant.organizationId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void tokensHaveBudgetsOfTheirOwn() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(30);
        Tenant busy = data.tenant();
        Tenant other = data.tenant();
        for (int i = 0; i < 501; i++) {
            as(busy).get("/v1/products/").then();
        }

        as(busy).get("/v1/products/").then().statusCode(429);
        as(other).get("/v1/products/").then().statusCode(200).header("RateLimit-Remaining", "499");
    }

    @Test
    void theStripeWebhookIsNotRateLimited() {
        ExtractableResponse<Response> answer = anonymous().body("{}").post("/v1/integrations/stripe/webhook").then().extract();

        assertThat(answer.statusCode()).isNotEqualTo(429);
        assertThat(answer.header("RateLimit-Limit")).isNull();
    }

    @Test
    void routesOutsideTheApiAreNotRateLimited() {
        assertThat(anonymous().get("/healthz").then().statusCode(200).extract().header("RateLimit-Limit")).isNull();
    }
}
