package dev.kassa.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.kassa.KassaApplication;
import dev.kassa.platform.db.EmbeddedDatabase;
import dev.kassa.support.ApiTest;
import dev.kassa.support.OwnDatabase;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Limits set by environment: 3 a minute per token, per checkout session and per address, behind a proxy on
 * 127.0.0.1 that Kassa is told to trust. Anonymous requests here name their own address ({@code X-Forwarded-For}),
 * so that they do not share 127.0.0.1's budget with the rest of the suite.
 */
@ExtendWith(OutputCaptureExtension.class)
class ConfiguredRateLimitTest extends ApiTest {

    @DynamicPropertySource
    static void limits(DynamicPropertyRegistry registry) {
        // A database of its own: its counters are this class's alone (127.0.0.1 has a budget of 3 a minute here).
        registry.add("DATABASE_URL", () -> OwnDatabase.url("rate-limits"));
        registry.add("RATE_LIMIT_TOKEN_PER_MINUTE", () -> "3");
        registry.add("RATE_LIMIT_CLIENT_SECRET_PER_MINUTE", () -> "3");
        registry.add("RATE_LIMIT_IP_PER_MINUTE", () -> "3");
        registry.add("RATE_LIMIT_TRUSTED_PROXIES", () -> "127.0.0.1, ::1");
    }

    @Autowired
    DataSource dataSource;

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void newTenant() throws InterruptedException {
        Windows.awaitSecondsLeftInMinute(20);
        tenant = data.tenant();
    }

    private String checkout() {
        String product = as(tenant).body(Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
        return as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");
    }

    private static String someAddress() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return "198.51." + random.nextInt(256) + "." + (1 + random.nextInt(254));
    }

    @Test
    void theTokenLimitSetByEnvironmentIsHonoured() {
        for (int i = 0; i < 3; i++) {
            as(tenant).get("/v1/products/").then().statusCode(200).header("RateLimit-Limit", "3");
        }

        ExtractableResponse<Response> refused = as(tenant).get("/v1/products/").then().extract();

        assertThat(refused.statusCode()).isEqualTo(429);
        assertThat((String) refused.path("detail")).startsWith("Rate limit exceeded: at most 3 per minute per access token.");
    }

    @Test
    void theClientSecretAndTheTokenHaveSeparateBudgets() {
        String secret = checkout(); // two of the token's three
        for (int i = 0; i < 3; i++) {
            // SDK 1.0.1 sends the merchant's token on the buyer routes too: they still count against the checkout session.
            as(tenant).get("/v1/checkouts/client/" + secret).then().statusCode(200);
        }
        as(tenant).get("/v1/checkouts/client/" + secret).then().statusCode(429);

        as(tenant).get("/v1/products/").then().statusCode(200).header("RateLimit-Remaining", "0");
        as(tenant).get("/v1/products/").then().statusCode(429);
        anonymous().get("/v1/checkouts/client/" + secret).then().statusCode(429);
    }

    @Test
    void anonymousRequestsAreCountedPerClientAddressBehindATrustedProxy() {
        String address = someAddress();
        for (int i = 0; i < 3; i++) {
            anonymous().header("X-Forwarded-For", address + ", 127.0.0.1").get("/v1/products/").then().statusCode(401);
        }

        anonymous().header("X-Forwarded-For", address).get("/v1/products/").then().statusCode(429);
        anonymous().header("True-Client-IP", address).header("X-Forwarded-For", someAddress()).get("/v1/products/").then()
                .statusCode(429);
        anonymous().header("X-Forwarded-For", someAddress()).get("/v1/products/").then().statusCode(401);
    }

    @Test
    void aBearerTokenKassaNeverIssuesCountsAsItsAddress() {
        String address = someAddress();
        for (int i = 0; i < 3; i++) {
            anonymous().header("X-Forwarded-For", address).header("Authorization", "Bearer guess-" + i).get("/v1/products/").then()
                    .statusCode(401);
        }

        anonymous().header("X-Forwarded-For", address).header("Authorization", "Bearer guess-4").get("/v1/products/").then()
                .statusCode(429);
    }

    @Test
    void twoNodesOnOneDatabaseShareOneBudget() throws Exception {
        URI jdbcUrl = URI.create(dataSource.unwrap(HikariDataSource.class).getJdbcUrl().substring("jdbc:".length()));
        try (ConfigurableApplicationContext nodeB = new SpringApplicationBuilder(KassaApplication.class)
                .properties(Map.of(
                        "DATABASE_URL", "postgresql://" + EmbeddedDatabase.USER + "@" + jdbcUrl.getHost() + ":" + jdbcUrl.getPort()
                                + jdbcUrl.getPath(),
                        "KASSA_DATA_DIR", Files.createTempDirectory("kassa-node-b-").toString(),
                        "PUBLIC_BASE_URL", "http://localhost:8000",
                        "STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET,
                        "RATE_LIMIT_TOKEN_PER_MINUTE", "3",
                        "server.port", "0",
                        "spring.main.banner-mode", "off"))
                .run()) {
            int portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
            Windows.awaitSecondsLeftInMinute(10);

            as(tenant).get("/v1/products/").then().statusCode(200).header("RateLimit-Remaining", "2");
            onNode(portB).get("/v1/products/").then().statusCode(200).header("RateLimit-Remaining", "1");
            as(tenant).get("/v1/products/").then().statusCode(200).header("RateLimit-Remaining", "0");

            onNode(portB).get("/v1/products/").then().statusCode(429);
            as(tenant).get("/v1/products/").then().statusCode(429);
        }
    }

    private io.restassured.specification.RequestSpecification onNode(int nodePort) {
        return RestAssured.given().port(nodePort).header("Authorization", "Bearer " + tenant.token());
    }

    @Test
    void whenTheLimiterCannotCountItLetsRequestsPassAndWarns(CapturedOutput output) {
        LoggingSystem.get(getClass().getClassLoader()).setLogLevel(RateLimiter.class.getName(), LogLevel.INFO);
        for (int i = 0; i < 3; i++) {
            as(tenant).get("/v1/products/").then().statusCode(200);
        }
        jdbc.sql("ALTER TABLE rate_limit_windows RENAME TO rate_limit_windows_away").update();
        try {
            for (int i = 0; i < 3; i++) {
                ExtractableResponse<Response> passed = as(tenant).get("/v1/products/").then().extract();
                assertThat(passed.statusCode()).isEqualTo(200);
                assertThat(passed.header("RateLimit-Limit")).isNull();
            }
        } finally {
            jdbc.sql("ALTER TABLE rate_limit_windows_away RENAME TO rate_limit_windows").update();
        }
        as(tenant).get("/v1/products/").then().statusCode(429);
        assertThat(output.getAll()).contains("WARN").contains("The rate limiter could not count a request; it lets requests pass");
        assertThat(output.getAll()).doesNotContain(tenant.token());
    }
}
