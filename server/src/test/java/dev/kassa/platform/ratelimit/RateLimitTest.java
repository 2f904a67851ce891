package dev.kassa.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.support.ApiTest;
import dev.kassa.support.Scrape;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
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
        Windows.awaitSecondsLeftInMinute(15);
        Tenant tenant = data.tenant();
        Scrape before = Scrape.of(port);
        assertThat(burst(tenant, 500)).containsOnly(200);

        ExtractableResponse<Response> refused = as(tenant).header("X-Request-Id", "req-refused-1").get("/v1/products/").then()
                .extract();

        assertThat(refused.statusCode()).isEqualTo(429);
        int retryAfter = Integer.parseInt(refused.header("Retry-After"));
        assertThat(retryAfter).isBetween(1, 60);
        assertThat(refused.contentType()).startsWith("application/json");
        assertThat(refused.asString()).isEqualTo("{\"error\":\"TooManyRequests\",\"detail\":\"Rate limit exceeded: at most 500 per "
                + "minute per access token. Retry after " + retryAfter + " seconds.\"}");
        assertThat(refused.header("RateLimit-Remaining")).isEqualTo("0");
        Scrape after = Scrape.of(port);
        assertThat(after.since(before, "kassa_rate_limited_total", "zone=\"token\"")).isEqualTo(1.0);
        assertThat(after.since(before, "http_server_requests_seconds_count", "status=\"429\"", "uri=\"/v1/products/\""))
                .isEqualTo(1.0);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(output.getAll().lines()
                .filter(line -> line.contains("request_id=req-refused-1"))).singleElement().asString()
                .contains("GET /v1/products/ 429"));
        assertThat(output.getAll()).doesNotContain(tenant.token());
    }

    @Test
    void aRefusedMutationIsNotRememberedByItsIdempotencyKey() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(15);
        Tenant tenant = data.tenant();
        assertThat(burst(tenant, 500)).containsOnly(200);
        Map<String, Object> product = Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900)));

        as(tenant).header("Idempotency-Key", "refused-once").body(product).post("/v1/products/").then().statusCode(429);

        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'refused-once' AND scope LIKE :scope")
                .param("scope", "%" + tenant.organizationId() + "%").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM products WHERE organization_id = :org").param("org", tenant.organizationId())
                .query(Long.class).single()).isZero();
    }

    @Test
    void tokensHaveBudgetsOfTheirOwn() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(15);
        Tenant busy = data.tenant();
        Tenant other = data.tenant();
        burst(busy, 501);

        as(busy).get("/v1/products/").then().statusCode(429);
        as(other).get("/v1/products/").then().statusCode(200).header("RateLimit-Remaining", "499");
    }

    /** {@code count} GETs with the tenant's token, 10 at a time; their statuses. */
    private List<Integer> burst(Tenant tenant, int count) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/v1/products/"))
                .header("Authorization", "Bearer " + tenant.token()).GET().build();
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            calls.add(() -> http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode());
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(10)) {
            for (Future<Integer> status : pool.invokeAll(calls)) {
                statuses.add(status.get());
            }
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
        return statuses;
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
