package dev.kassa.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code Idempotency-Key} on the API's mutations, with Stripe's semantics, stored in PostgreSQL. */
class IdempotencyKeyTest extends ApiTest {

    private static final String PRODUCT = "{\"name\": \"Book\", \"prices\": [{\"amount_type\": \"fixed\", \"price_amount\": 1999}]}";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    IdempotencyKeys keys;

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    private ExtractableResponse<Response> createProduct(Tenant who, String key, String body) {
        return as(who).header("Idempotency-Key", key).body(body).post("/v1/products/").then().extract();
    }

    private long products(Tenant who) {
        return jdbc.sql("SELECT count(*) FROM products WHERE organization_id = :org").param("org", who.organizationId())
                .query(Long.class).single();
    }

    private KeyScope productCreate(String key) {
        return new KeyScope("organization:" + tenant.organizationId(), "POST", "/v1/products/", key);
    }

    @Test
    void aReplayAnswersTheFirstResponseWithIdempotentReplayedAndCreatesNothing() {
        ExtractableResponse<Response> first = createProduct(tenant, "create-book", PRODUCT);
        ExtractableResponse<Response> replay = createProduct(tenant, "create-book", PRODUCT);

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replay.contentType()).isEqualTo(first.contentType());
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(products(tenant)).isEqualTo(1);
    }

    @Test
    void tenConcurrentRequestsWithOneKeyCreateOneProductAndAllAnswerIt() throws Exception {
        List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            calls.add(() -> createProduct(tenant, "stampede", PRODUCT));
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
            assertThat(answer.asString()).isEqualTo(answers.get(0).asString());
        });
        assertThat(answers).filteredOn(answer -> answer.header("Idempotent-Replayed") == null).hasSize(1);
        assertThat(products(tenant)).isEqualTo(1);
    }

    @Test
    void withoutTheHeaderEveryRequestRunsAsBefore() {
        String first = as(tenant).body(PRODUCT).post("/v1/products/").then().statusCode(201)
                .header("Idempotent-Replayed", nullValue()).extract().path("id");
        String second = as(tenant).body(PRODUCT).post("/v1/products/").then().statusCode(201).extract().path("id");

        assertThat(second).isNotEqualTo(first);
        assertThat(products(tenant)).isEqualTo(2);
    }

    @Test
    void theBodyIsComparedAsJsonSoMemberOrderAndSpacingDoNotMatter() {
        String id = createProduct(tenant, "reordered", PRODUCT).path("id");
        ExtractableResponse<Response> replay = createProduct(tenant, "reordered",
                "{\"prices\":[{\"price_amount\":1999,\"amount_type\":\"fixed\"}],\"name\":\"Book\"}");

        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat((String) replay.path("id")).isEqualTo(id);
    }

    @Test
    void theSameKeyWithAnotherBodyAnswers422AndRunsNothing() {
        createProduct(tenant, "reused", PRODUCT);

        as(tenant).header("Idempotency-Key", "reused").body(PRODUCT.replace("Book", "Film")).post("/v1/products/").then()
                .statusCode(422)
                .body("error", equalTo("PolarRequestValidationError"))
                .body("detail[0].type", equalTo("idempotency_key_reused"))
                .body("detail[0].loc", equalTo(List.of("header", "idempotency-key")))
                .body("detail[0].msg", startsWith("Keys for idempotent requests can only be used with the same parameters"))
                .body("detail[0].input", equalTo("reused"));
        assertThat(products(tenant)).isEqualTo(1);
    }

    @Test
    void aKeyOf255CharactersIsAcceptedAndOneLongerAnswers422() {
        createProduct(tenant, "k".repeat(255), PRODUCT);
        assertThat(createProduct(tenant, "k".repeat(255), PRODUCT).header("Idempotent-Replayed")).isEqualTo("true");

        as(tenant).header("Idempotency-Key", "k".repeat(256)).body(PRODUCT).post("/v1/products/").then()
                .statusCode(422)
                .body("error", equalTo("RequestValidationError"))
                .body("detail[0].type", equalTo("string_too_long"))
                .body("detail[0].loc", equalTo(List.of("header", "idempotency-key")))
                .body("detail[0].msg", equalTo("String should have at most 255 characters"));
        assertThat(products(tenant)).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheOrganization() {
        Tenant other = data.tenant();
        String mine = createProduct(tenant, "shared-key", PRODUCT).path("id");
        ExtractableResponse<Response> theirs = createProduct(other, "shared-key", PRODUCT);

        assertThat(theirs.header("Idempotent-Replayed")).isNull();
        assertThat((String) theirs.path("id")).isNotEqualTo(mine);
        assertThat(products(other)).isEqualTo(1);
    }

    @Test
    void keysAreScopedToTheMethodAndPath() {
        String productId = createProduct(tenant, "one-key", PRODUCT).path("id");

        as(tenant).header("Idempotency-Key", "one-key").body(Map.of("name", "Renamed"))
                .patch("/v1/products/" + productId).then().statusCode(200)
                .header("Idempotent-Replayed", nullValue()).body("name", equalTo("Renamed"));
    }

    @Test
    void anAnswerOfTheWorkIsRememberedEvenAnError() {
        String unknown = "/v1/products/" + UUID.randomUUID();
        as(tenant).header("Idempotency-Key", "missing").body(Map.of("name", "Renamed")).patch(unknown).then().statusCode(404);

        as(tenant).header("Idempotency-Key", "missing").body(Map.of("name", "Renamed")).patch(unknown).then().statusCode(404)
                .header("Idempotent-Replayed", "true").body("error", equalTo("ResourceNotFound"));
    }

    @Test
    void aRetriedDeleteAnswersItsFirst204RatherThanTheNotFoundOfASecondDelete() {
        String id = createProduct(tenant, "to-delete", PRODUCT).path("id");
        as(tenant).header("Idempotency-Key", "delete-it").delete("/v1/products/" + id).then().statusCode(204);

        as(tenant).header("Idempotency-Key", "delete-it").delete("/v1/products/" + id).then().statusCode(204)
                .header("Idempotent-Replayed", "true");
        as(tenant).delete("/v1/products/" + id).then().statusCode(404);
    }

    @Test
    void aRequestRejectedForItsShapeIsNotRememberedSoTheFixedRequestRuns() {
        as(tenant).header("Idempotency-Key", "fix-me").body("{\"name\": ").post("/v1/products/").then().statusCode(422)
                .body("error", equalTo("RequestValidationError"));

        createProduct(tenant, "fix-me", PRODUCT);
        assertThat(products(tenant)).isEqualTo(1);
    }

    @Test
    void aRequestWhileTheFirstIsStillRunningAnswers409WithRetryAfter() throws Exception {
        assertThat(keys.begin(productCreate("busy"), "another node's request")).isInstanceOf(IdempotencyKeys.Claimed.class);

        as(tenant).header("Idempotency-Key", "busy").body(PRODUCT).post("/v1/products/").then()
                .statusCode(409)
                .header("Retry-After", "1")
                .body("error", equalTo("IdempotencyKeyInUse"));
        assertThat(products(tenant)).isZero();
    }

    @Test
    void aFirstRequestWhoseNodeDiedIsTakenOverAfterFiveMinutes() throws Exception {
        keys.begin(productCreate("orphan"), Fingerprints.of(null, PRODUCT.getBytes(StandardCharsets.UTF_8)));
        jdbc.sql("UPDATE idempotency_keys SET locked_at = :at WHERE key_hash = :hash")
                .param("at", Timestamp.from(Instant.now().minusSeconds(301))).param("hash", productCreate("orphan").hash()).update();

        ExtractableResponse<Response> retry = createProduct(tenant, "orphan", PRODUCT);

        assertThat(retry.statusCode()).isEqualTo(201);
        assertThat(retry.header("Idempotent-Replayed")).isNull();
        assertThat((String) createProduct(tenant, "orphan", PRODUCT).path("id")).isEqualTo(retry.path("id"));
        assertThat(products(tenant)).isEqualTo(1);
    }

    @Test
    void keysOlderThanTheTtlAreDeletedAndTheKeyRunsAnew() {
        String first = createProduct(tenant, "yesterday", PRODUCT).path("id");
        jdbc.sql("UPDATE idempotency_keys SET created_at = :at WHERE key_hash = :hash")
                .param("at", Timestamp.from(Instant.now().minusSeconds(24 * 3600 + 60))).param("hash", productCreate("yesterday").hash())
                .update();

        assertThat((String) createProduct(tenant, "yesterday", PRODUCT).path("id")).isNotEqualTo(first);

        jdbc.sql("UPDATE idempotency_keys SET created_at = :at WHERE key_hash = :hash")
                .param("at", Timestamp.from(Instant.now().minusSeconds(24 * 3600 + 60))).param("hash", productCreate("yesterday").hash())
                .update();
        assertThat(keys.deleteExpired(1000)).isGreaterThanOrEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE key_hash = :hash").param("hash", productCreate("yesterday").hash())
                .query(Long.class).single()).isZero();
    }

    @Test
    void portalKeysAreScopedToTheSessionsCustomer() {
        String customer = as(tenant).body(Map.of("email", "portal@example.com")).post("/v1/customers/").then().statusCode(201)
                .extract().path("id");
        String session = as(tenant).body(Map.of("customer_id", customer)).post("/v1/customer-sessions/").then().statusCode(201)
                .extract().path("token");
        String path = "/v1/customer-portal/subscriptions/" + UUID.randomUUID();

        anonymous().header("Authorization", "Bearer " + session).header("Idempotency-Key", "portal").body(Map.of())
                .patch(path).then().statusCode(404).header("Idempotent-Replayed", nullValue());
        anonymous().header("Authorization", "Bearer " + session).header("Idempotency-Key", "portal").body(Map.of())
                .patch(path).then().statusCode(404).header("Idempotent-Replayed", "true");

        assertThat(jdbc.sql("SELECT scope FROM idempotency_keys WHERE idempotency_key = 'portal' AND path = :path")
                .param("path", path).query(String.class).single()).isEqualTo("customer:" + customer);
    }
}
