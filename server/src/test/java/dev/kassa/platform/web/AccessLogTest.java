package dev.kassa.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/** One access-log line per request, by route template, with the request id; never a secret or a token. */
@ExtendWith(OutputCaptureExtension.class)
class AccessLogTest extends ApiTest {

    private static final String UUID = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

    /** Logging is the JVM's: a test that ran an admin command (root at WARN) must not silence these lines. */
    @BeforeEach
    void logAtInfo() {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel("kassa.access", LogLevel.INFO);
    }

    @Test
    void everyResponseCarriesAGeneratedRequestId() {
        String id = RestAssured.given().port(port).get("/healthz").then().statusCode(200).extract().header("X-Request-Id");
        String other = RestAssured.given().port(port).get("/v1/products/").then().statusCode(401).extract().header("X-Request-Id");

        assertThat(id).matches(UUID);
        assertThat(other).matches(UUID).isNotEqualTo(id);
    }

    @Test
    void theCallersRequestIdIsEchoed() {
        RestAssured.given().port(port).header("X-Request-Id", "lb-7f3a:42").get("/healthz").then().statusCode(200)
                .header("X-Request-Id", "lb-7f3a:42");
    }

    @Test
    void aRequestIdThatIsNotAPlainTokenIsReplaced() {
        String id = RestAssured.given().port(port).header("X-Request-Id", "forged line\"{}").get("/healthz").then().statusCode(200)
                .extract().header("X-Request-Id");

        assertThat(id).matches(UUID);
    }

    @Test
    void aRequestIsLoggedOnceByItsRouteTemplateStatusAndRequestId(CapturedOutput output) {
        Tenant tenant = data.tenant();
        String product = as(tenant).body(Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
        String clientSecret = as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");

        anonymous().header("X-Request-Id", "req-client-get-1").get("/v1/checkouts/client/" + clientSecret).then().statusCode(200);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accessLines(output, "req-client-get-1"))
                .singleElement().asString().matches(".*kassa\\.access\\s*: GET /v1/checkouts/client/\\{client_secret} 200 \\d+ms "
                        + "request_id=req-client-get-1$"));
        assertThat(output.getAll()).doesNotContain(clientSecret).doesNotContain(tenant.token());
    }

    @Test
    void aPathNoRouteMatchesIsLoggedByTheCatchAllPatternNotAsSent(CapturedOutput output) {
        RestAssured.given().port(port).header("X-Request-Id", "req-unmatched-1").get("/no/such/polar_cl_secretlooking").then()
                .statusCode(404);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accessLines(output, "req-unmatched-1"))
                .singleElement().asString().contains("GET /** 404"));
        assertThat(output.getAll()).doesNotContain("polar_cl_secretlooking");
    }

    @Test
    void aRefusedRequestIsLoggedWithItsStatus(CapturedOutput output) {
        RestAssured.given().port(port).header("X-Request-Id", "req-refused-1").header("Authorization", "Bearer polar_oat_not_a_token")
                .get("/v1/products/").then().statusCode(401);

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(accessLines(output, "req-refused-1"))
                .singleElement().asString().contains("GET /v1/products/ 401"));
        assertThat(output.getAll()).doesNotContain("polar_oat_not_a_token");
    }

    private static List<String> accessLines(CapturedOutput output, String requestId) {
        return output.getAll().lines().filter(line -> line.contains("kassa.access") && line.endsWith("request_id=" + requestId)).toList();
    }
}
