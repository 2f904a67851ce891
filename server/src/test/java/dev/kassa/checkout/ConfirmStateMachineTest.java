package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.kassa.support.OwnDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The confirm's state machine seen from outside: the order exists when the confirm answers, one unresolved attempt
 * per checkout, attempts numbered, nothing paid that was not charged, and many buyers at once.
 */
class ConfirmStateMachineTest extends CheckoutTestSupport {

    private List<Long> attemptNumbers(String checkoutId) {
        return jdbc.sql("SELECT number FROM payment_attempts WHERE checkout_id = :id ORDER BY number")
                .param("id", UUID.fromString(checkoutId)).query(Long.class).list();
    }

    @Test
    void theCheckoutHasSucceededWithItsOrderWhenTheConfirmAnswers() {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        String secret = (String) checkout.get("client_secret");

        confirm(secret, paidBody("fast@example.com", VISA)).statusCode(200).body("status", equalTo("confirmed"))
                .body("payment_processor_metadata.intent_status", equalTo("succeeded"));

        clientGet(secret).statusCode(200).body("status", equalTo("succeeded"));
        as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().body("items", hasSize(1))
                .body("items[0].status", equalTo("paid")).body("items[0].total_amount", equalTo(1999));
    }

    @Test
    void aConfirmWhileTheAttemptIsUnresolvedAnswers409AndStartsNoSecondAttempt() {
        PendingConfirm pending = pendingConfirm("ctoken_unused", "pending@example.com");
        String secret = jdbc.sql("SELECT client_secret FROM checkouts WHERE id = :id").param("id", pending.checkoutId())
                .query(String.class).single();

        confirm(secret, paidBody("pending@example.com", VISA)).statusCode(409).body("error", equalTo("CheckoutLocked"));

        assertThat(attemptNumbers(pending.checkoutId().toString())).containsExactly(1L);
        assertThat(checkoutStatus(pending.checkoutId())).isEqualTo("confirmed");
    }

    @Test
    void aDeclineResolvesTheAttemptAndTheRetryIsTheNextNumberedAttempt() {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        String secret = (String) checkout.get("client_secret");
        confirm(secret, paidBody("retry@example.com", DECLINED)).statusCode(400);
        clientGet(secret).statusCode(200).body("status", equalTo("open")).body("customer_email", equalTo("retry@example.com"));

        confirm(secret, paidBody("retry@example.com", VISA)).statusCode(200);

        assertThat(attemptNumbers((String) checkout.get("id"))).containsExactly(1L, 2L);
        assertThat(jdbc.sql("SELECT status FROM payment_attempts WHERE checkout_id = :id ORDER BY number")
                .param("id", UUID.fromString((String) checkout.get("id"))).query(String.class).list())
                .containsExactly("declined", "succeeded");
        clientGet(secret).statusCode(200).body("status", equalTo("succeeded"));
    }

    @Test
    void aTrialSavesTheCardAndItsOrderChargesNothing() {
        Map<String, Object> checkout = createCheckout(Map.of("products", List.of(recurringProduct("Pro", 900)),
                "trial_interval", "day", "trial_interval_count", 14));

        confirm((String) checkout.get("client_secret"), paidBody("trial@example.com", VISA)).statusCode(200)
                .body("payment_processor_metadata.intent_client_secret", org.hamcrest.Matchers.startsWith("seti_"));

        as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().body("items", hasSize(1))
                .body("items[0].total_amount", equalTo(0)).body("items[0].subtotal_amount", equalTo(0))
                .body("items[0].tax_amount", equalTo(0)).body("items[0].billing_reason", equalTo("subscription_create"));
        as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/subscriptions/").then().body("items", hasSize(1))
                .body("items[0].status", equalTo("trialing")).body("items[0].amount", equalTo(900));
    }

    @Test
    void aHundredBuyersConfirmingAHundredCheckoutsAtOnceAllSucceed() throws Exception {
        String product = fixedProduct("Book", 1999);
        List<String> ids = new ArrayList<>();
        List<Callable<Integer>> buyers = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(product)));
            ids.add((String) checkout.get("id"));
            Map<String, Object> body = paidBody("crowd" + i + "@example.com", VISA);
            buyers.add(() -> confirm((String) checkout.get("client_secret"), body).extract().statusCode());
        }

        List<Integer> statuses = runConcurrently(buyers);

        assertThat(statuses).containsOnly(200);
        for (String id : ids) {
            assertThat(awaitStatus(id, "succeeded")).isEqualTo("succeeded");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE checkout_id IN (SELECT id FROM checkouts WHERE product_id = :product)")
                .param("product", UUID.fromString(product)).query(Long.class).single()).isEqualTo(100);
    }

    /**
     * Twenty concurrent confirms of one checkout are more than the confirm zone's 6 a minute (README "Rate limits"),
     * which would answer most of them 429 before they reach the state machine: this class raises that limit, on a
     * database of its own (the suite's shared server keeps the defaults).
     */
    @DynamicPropertySource
    static void concurrentConfirmsAboveTheConfirmLimit(DynamicPropertyRegistry registry) {
        registry.add("DATABASE_URL", () -> OwnDatabase.url("confirm-state-machine"));
        registry.add("RATE_LIMIT_CONFIRM_PER_MINUTE", () -> "1000");
        registry.add("RATE_LIMIT_CONFIRM_PER_HOUR", () -> "1000");
    }

    @Test
    void twentyConcurrentConfirmsOfOneCheckoutChargeOnce() throws Exception {
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
        String secret = (String) checkout.get("client_secret");
        List<Callable<Integer>> calls = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            Map<String, Object> body = paidBody("race@example.com", VISA);
            calls.add(() -> confirm(secret, body).extract().statusCode());
        }

        List<Integer> statuses = runConcurrently(calls);

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(1);
        assertThat(statuses).allMatch(s -> s == 200 || s == 409 || s == 403);
        assertThat(attemptNumbers((String) checkout.get("id"))).containsExactly(1L);
        as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().body("items", hasSize(1));
    }

    @Test
    void aDiscountCappedAtFiveUnderSixtyBuyersIsRedeemedExactlyFiveTimes() throws Exception {
        String product = fixedProduct("Book", 1999);
        String discount = discount(Map.of("type", "percentage", "basis_points", 1000, "max_redemptions", 5));
        List<Callable<Integer>> buyers = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            String secret = (String) createCheckout(Map.of("products", List.of(product), "discount_id", discount)).get("client_secret");
            Map<String, Object> body = paidBody("capped" + i + "@example.com", VISA);
            buyers.add(() -> confirm(secret, body).extract().statusCode());
        }

        List<Integer> statuses = runConcurrently(buyers);

        assertThat(statuses.stream().filter(s -> s == 200).count()).isEqualTo(5);
        assertThat(statuses).filteredOn(s -> s != 200).containsOnly(422);
        as(tenant).get("/v1/discounts/" + discount).then().body("redemptions_count", equalTo(5));
        assertThat(jdbc.sql("SELECT count(*) FROM orders WHERE discount_id = :id").param("id", UUID.fromString(discount))
                .query(Long.class).single()).isEqualTo(5);
    }

    private static List<Integer> runConcurrently(List<Callable<Integer>> calls) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(calls.size());
        try {
            List<Integer> results = new ArrayList<>();
            for (Future<Integer> future : pool.invokeAll(calls)) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdown();
        }
    }
}
