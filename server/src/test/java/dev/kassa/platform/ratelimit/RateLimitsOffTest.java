package dev.kassa.platform.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.OwnDatabase;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@code RATE_LIMIT_ENABLED=false}: nothing is counted, refused or announced, whatever the limits say. */
class RateLimitsOffTest extends ApiTest {

    @DynamicPropertySource
    static void off(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_URL", () -> OwnDatabase.url("rate-limits-off"));
        registry.add("RATE_LIMIT_ENABLED", () -> "false");
        registry.add("RATE_LIMIT_TOKEN_PER_MINUTE", () -> "1");
    }

    @Autowired
    JdbcClient jdbc;

    @Test
    void switchedOffTheLimiterNeitherRefusesNorCounts() {
        Tenant tenant = data.tenant();
        for (int i = 0; i < 3; i++) {
            ExtractableResponse<Response> answer = as(tenant).get("/v1/products/").then().statusCode(200).extract();
            assertThat(answer.header("RateLimit-Limit")).isNull();
        }

        assertThat(jdbc.sql("SELECT count(*) FROM rate_limit_windows").query(Long.class).single()).isZero();
    }
}
