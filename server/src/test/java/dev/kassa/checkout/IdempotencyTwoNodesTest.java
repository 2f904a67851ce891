package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariDataSource;
import dev.kassa.KassaApplication;
import dev.kassa.platform.db.EmbeddedDatabase;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** Idempotency-Keys live in PostgreSQL: two Kassa nodes on one database share them. */
class IdempotencyTwoNodesTest extends CheckoutTestSupport {

    @Autowired
    DataSource dataSource;

    ConfigurableApplicationContext nodeB;
    int portB;

    @BeforeEach
    void startNodeB() throws Exception {
        URI jdbcUrl = URI.create(dataSource.unwrap(HikariDataSource.class).getJdbcUrl().substring("jdbc:".length()));
        nodeB = new SpringApplicationBuilder(KassaApplication.class)
                .properties(Map.of(
                        "DATABASE_URL", "postgresql://" + EmbeddedDatabase.USER + "@" + jdbcUrl.getHost() + ":" + jdbcUrl.getPort()
                                + jdbcUrl.getPath(),
                        "KASSA_DATA_DIR", Files.createTempDirectory("kassa-node-b-").toString(),
                        "PUBLIC_BASE_URL", "http://localhost:8000",
                        "STRIPE_WEBHOOK_SECRET", TEST_WEBHOOK_SECRET,
                        "server.port", "0",
                        "spring.main.banner-mode", "off"))
                .run();
        portB = ((WebServerApplicationContext) nodeB).getWebServer().getPort();
    }

    @AfterEach
    void stopNodeB() {
        if (nodeB != null) {
            nodeB.close();
        }
    }

    private ExtractableResponse<Response> createOn(int node, String key, Map<String, Object> body) {
        return RestAssured.given().port(node).contentType("application/json").header("Authorization", "Bearer " + tenant.token())
                .header("Idempotency-Key", key).body(body).post("/v1/checkouts/").then().extract();
    }

    @Test
    void aCreateMadeOnNodeAIsReplayedByNodeB() {
        Map<String, Object> body = Map.of("products", List.of(fixedProduct("Book", 1999)));
        ExtractableResponse<Response> onA = createOn(port, "across", body);
        ExtractableResponse<Response> onB = createOn(portB, "across", body);

        assertThat(onB.statusCode()).isEqualTo(201);
        assertThat(onB.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat((String) onB.path("id")).isEqualTo(onA.path("id"));
        assertThat(jdbc.sql("SELECT count(*) FROM checkouts WHERE organization_id = :org").param("org", tenant.organizationId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentCreatesWithOneKeySpreadOverTwoNodesMakeOneCheckout() throws Exception {
        Map<String, Object> body = Map.of("products", List.of(fixedProduct("Book", 1999)));
        List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            int node = i % 2 == 0 ? port : portB;
            calls.add(() -> createOn(node, "spread", body));
        }
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        List<ExtractableResponse<Response>> answers = new ArrayList<>();
        try {
            for (Future<ExtractableResponse<Response>> future : pool.invokeAll(calls)) {
                answers.add(future.get());
            }
        } finally {
            pool.shutdown();
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).isEqualTo(201);
            assertThat((String) answer.path("id")).isEqualTo(answers.get(0).path("id"));
        });
        assertThat(jdbc.sql("SELECT count(*) FROM checkouts WHERE organization_id = :org").param("org", tenant.organizationId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void aConfirmMadeOnNodeAIsReplayedByNodeBWithoutASecondAttempt() {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        String secret = (String) checkout.get("client_secret");
        Map<String, Object> body = paidBody("nodes@example.com", VISA);
        String onA = anonymous().header("Idempotency-Key", "pay").body(body).post("/v1/checkouts/client/" + secret + "/confirm")
                .then().statusCode(200).extract().asString();

        ExtractableResponse<Response> onB = RestAssured.given().port(portB).contentType("application/json")
                .header("Idempotency-Key", "pay").body(body).post("/v1/checkouts/client/" + secret + "/confirm").then().extract();

        assertThat(onB.statusCode()).isEqualTo(200);
        assertThat(onB.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(onB.asString()).isEqualTo(onA);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_attempts WHERE checkout_id = :id")
                .param("id", UUID.fromString((String) checkout.get("id"))).query(Long.class).single()).isEqualTo(1);
    }
}
