package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** A retried checkout create or confirm with its {@code Idempotency-Key} never does the work twice. */
class CheckoutIdempotencyTest extends CheckoutTestSupport {

    private List<Long> attemptNumbers(Object checkoutId) {
        return jdbc.sql("SELECT number FROM payment_attempts WHERE checkout_id = :id ORDER BY number")
                .param("id", UUID.fromString((String) checkoutId)).query(Long.class).list();
    }

    private ExtractableResponse<Response> confirmWithKey(String secret, String key, Map<String, Object> body) {
        return anonymous().header("Idempotency-Key", key).body(body)
                .post("/v1/checkouts/client/" + secret + "/confirm").then().extract();
    }

    @Test
    void aReplayedCheckoutCreateReturnsTheSameCheckoutAndCreatesOneRow() {
        Map<String, Object> body = Map.of("products", List.of(fixedProduct("Book", 1999)));
        ExtractableResponse<Response> first = as(tenant).header("Idempotency-Key", "create-1").body(body)
                .post("/v1/checkouts/").then().extract();
        ExtractableResponse<Response> replay = as(tenant).header("Idempotency-Key", "create-1").body(body)
                .post("/v1/checkouts/").then().extract();

        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(replay.statusCode()).isEqualTo(201);
        assertThat(replay.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat((String) replay.path("id")).isEqualTo(first.path("id"));
        assertThat(replay.asString()).isEqualTo(first.asString());
        assertThat(jdbc.sql("SELECT count(*) FROM checkouts WHERE organization_id = :org").param("org", tenant.organizationId())
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void concurrentConfirmsAndASequentialReplayWithOneKeyMakeOneAttemptAndAnswerTheSameBody() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        String secret = (String) checkout.get("client_secret");
        Map<String, Object> body = paidBody("twice@example.com", VISA);
        List<Callable<ExtractableResponse<Response>>> calls = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            calls.add(() -> confirmWithKey(secret, "confirm-once", body));
        }

        List<ExtractableResponse<Response>> concurrent = runConcurrently(calls);
        ExtractableResponse<Response> later = confirmWithKey(secret, "confirm-once", body);

        assertThat(concurrent).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(200));
        assertThat(concurrent.get(1).asString()).isEqualTo(concurrent.get(0).asString());
        assertThat(concurrent).filteredOn(r -> "true".equals(r.header("Idempotent-Replayed"))).hasSize(1);
        assertThat(later.statusCode()).isEqualTo(200);
        assertThat(later.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(later.asString()).isEqualTo(concurrent.get(0).asString());
        assertThat(attemptNumbers(checkout.get("id"))).containsExactly(1L);
        assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
    }

    @Test
    void aDeclinedConfirmRetriedWithItsKeyReplaysTheDeclineAndMakesNoSecondAttempt() {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        String secret = (String) checkout.get("client_secret");
        Map<String, Object> body = paidBody("declined@example.com", DECLINED);

        ExtractableResponse<Response> first = confirmWithKey(secret, "declined", body);
        ExtractableResponse<Response> retry = confirmWithKey(secret, "declined", body);

        assertThat(first.statusCode()).isEqualTo(400);
        assertThat(retry.statusCode()).isEqualTo(400);
        assertThat(retry.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(retry.asString()).isEqualTo(first.asString());
        assertThat(attemptNumbers(checkout.get("id"))).containsExactly(1L);
    }

    @Test
    void aConfirmAnsweredCheckoutLockedIsNotRememberedSoItsRetryRunsAnew() {
        PendingConfirm pending = pendingConfirm("ctoken_unused", "locked@example.com");
        String secret = jdbc.sql("SELECT client_secret FROM checkouts WHERE id = :id").param("id", pending.checkoutId())
                .query(String.class).single();

        ExtractableResponse<Response> locked = confirmWithKey(secret, "locked", paidBody("locked@example.com", VISA));

        assertThat(locked.statusCode()).isEqualTo(409);
        assertThat((String) locked.path("error")).isEqualTo("CheckoutLocked");
        assertThat(jdbc.sql("SELECT count(*) FROM idempotency_keys WHERE idempotency_key = 'locked' AND path LIKE :path")
                .param("path", "%" + secret + "%").query(Long.class).single()).isZero();
    }

    @Test
    void theClientApiScopesKeysToTheClientSecret() {
        String product = fixedProduct("Book", 1999);
        String first = (String) checkoutFor(product).get("client_secret");
        String second = (String) checkoutFor(product).get("client_secret");

        anonymous().header("Idempotency-Key", "same").body(Map.of("customer_email", "a@example.com"))
                .patch("/v1/checkouts/client/" + first).then().statusCode(200);
        anonymous().header("Idempotency-Key", "same").body(Map.of("customer_email", "b@example.com"))
                .patch("/v1/checkouts/client/" + second).then().statusCode(200)
                .header("Idempotent-Replayed", org.hamcrest.Matchers.nullValue())
                .body("customer_email", org.hamcrest.Matchers.equalTo("b@example.com"));
        assertThat(jdbc.sql("SELECT scope FROM idempotency_keys WHERE idempotency_key = 'same' AND path = :path")
                .param("path", "/v1/checkouts/client/" + second).query(String.class).single())
                .startsWith("client_secret:").doesNotContain(second);
    }

    private static <T> List<T> runConcurrently(List<Callable<T>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<T> results = new ArrayList<>();
            for (Future<T> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
