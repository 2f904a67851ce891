package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import com.stripe.net.Webhook;
import dev.kassa.payment.stripe.StripeAccess;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * Stripe events settle the attempt they name ({@code kassa_attempt_id}), early, late, twice or out of order, and
 * the checkout once.
 */
class PaymentEventOrderTest extends CheckoutTestSupport {

    @Autowired
    StripeAccess stripe;
    @Autowired
    CheckoutSettlement settlement;
    @Autowired
    org.springframework.transaction.support.TransactionTemplate transactions;

    private void deliver(String type, UUID attemptId, String status, long amount) throws Exception {
        String payload = "{\"id\":\"evt_" + UUID.randomUUID() + "\",\"object\":\"event\",\"type\":\"" + type + "\","
                + "\"data\":{\"object\":{\"id\":\"pi_" + attemptId.toString().replace("-", "") + "\",\"object\":\"payment_intent\","
                + "\"status\":\"" + status + "\",\"amount\":" + amount + ",\"currency\":\"usd\","
                + "\"metadata\":{\"kassa_attempt_id\":\"" + attemptId + "\"}}}}";
        anonymous().header("Stripe-Signature", Webhook.Signature.generateSignatureHeader(payload, stripe.webhookSecret())).body(payload)
                .post("/v1/integrations/stripe/webhook").then().statusCode(200);
    }

    private String awaitAttempt(UUID attemptId, String expected) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String status;
        do {
            status = attemptStatus(attemptId);
            if (status.equals(expected)) {
                return status;
            }
            Thread.sleep(50);
        } while (Instant.now().isBefore(deadline));
        return status;
    }

    @Test
    void aSuccessForAPendingAttemptFulfilsItsCheckoutFromTheSnapshot() throws Exception {
        PendingConfirm pending = pendingConfirm("ctoken_unused", "events@example.com");

        deliver("payment_intent.succeeded", pending.attemptId(), "succeeded", 1999);

        assertThat(awaitAttempt(pending.attemptId(), "succeeded")).isEqualTo("succeeded");
        assertThat(checkoutStatus(pending.checkoutId())).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", pending.checkoutId().toString()).get("/v1/orders/").then()
                .body("items", hasSize(1)).body("items[0].total_amount", org.hamcrest.Matchers.equalTo(1999));
    }

    @Test
    void aFailureAfterTheSuccessAndTheSuccessAgainChangeNothing() throws Exception {
        PendingConfirm pending = pendingConfirm("ctoken_unused", "twice@example.com");
        deliver("payment_intent.succeeded", pending.attemptId(), "succeeded", 1999);
        awaitAttempt(pending.attemptId(), "succeeded");

        deliver("payment_intent.payment_failed", pending.attemptId(), "requires_payment_method", 1999);
        deliver("payment_intent.succeeded", pending.attemptId(), "succeeded", 1999);
        Thread.sleep(1000);

        assertThat(attemptStatus(pending.attemptId())).isEqualTo("succeeded");
        assertThat(checkoutStatus(pending.checkoutId())).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", pending.checkoutId().toString()).get("/v1/orders/").then().body("items", hasSize(1));
    }

    @Test
    void aFailureEventReopensNothingByItselfButHasTheAttemptLookedUpAtOnce() throws Exception {
        PendingConfirm pending = pendingConfirm("ctoken_unused", "failed@example.com");
        jdbc.sql("UPDATE payment_attempts SET next_check_at = now() + interval '1 hour' WHERE id = :id")
                .param("id", pending.attemptId()).update();

        deliver("payment_intent.payment_failed", pending.attemptId(), "requires_payment_method", 1999);

        // Stripe knows no intent of this attempt (the event was forged here). The event alone settles nothing: the
        // look-up runs at once, and it is Stripe's answer to it (the attempt's token does not exist: 400
        // resource_missing, an explicit refusal) that settles the attempt as declined and reopens the checkout.
        String status = null;
        for (int i = 0; i < 100 && !"declined".equals(status); i++) {
            Thread.sleep(50);
            status = attemptStatus(pending.attemptId());
        }
        assertThat(status).isEqualTo("declined");
        assertThat(jdbc.sql("SELECT last_error FROM payment_attempts WHERE id = :id").param("id", pending.attemptId())
                .query(String.class).single()).contains("No such confirmationtoken");
        assertThat(checkoutStatus(pending.checkoutId())).isEqualTo("open");
    }

    @Test
    void aSuccessForAnotherAmountThanTheAttemptPricedIsFlaggedAndNotFulfilled() throws Exception {
        PendingConfirm pending = pendingConfirm("ctoken_unused", "amount@example.com");

        deliver("payment_intent.succeeded", pending.attemptId(), "succeeded", 999);

        assertThat(awaitAttempt(pending.attemptId(), "succeeded")).isEqualTo("succeeded");
        assertThat(checkoutStatus(pending.checkoutId())).isEqualTo("confirmed");
        assertThat(jdbc.sql("SELECT flagged_at IS NOT NULL FROM payment_attempts WHERE id = :id").param("id", pending.attemptId())
                .query(Boolean.class).single()).isTrue();
        as(tenant).queryParam("checkout_id", pending.checkoutId().toString()).get("/v1/orders/").then().body("items", hasSize(0));
    }

    @Test
    void aSuccessHeardWithAStaleCopyOfAnAttemptDeclinedMeanwhileIsFlaggedAndNotFulfilled() {
        PendingConfirm pending = pendingConfirm("ctoken_unused", "stale@example.com");
        dev.kassa.payment.PaymentAttempt stale = paymentAttempts.findById(pending.attemptId()).orElseThrow();
        transactions.execute(status -> settlement.settle(stale, new dev.kassa.payment.IntentOutcome.Declined("Your card was declined.",
                "card_declined"), "a test"));

        transactions.execute(status -> settlement.settle(stale, new dev.kassa.payment.IntentOutcome.Created("pi_stale", "succeeded",
                null, 1999L, "usd", null), "a test"));

        assertThat(attemptStatus(pending.attemptId())).isEqualTo("declined");
        assertThat(jdbc.sql("SELECT last_error FROM payment_attempts WHERE id = :id").param("id", pending.attemptId())
                .query(String.class).single()).isEqualTo("attempt was recorded declined but Stripe reports intent pi_stale succeeded");
        assertThat(checkoutStatus(pending.checkoutId())).isEqualTo("open");
        as(tenant).queryParam("checkout_id", pending.checkoutId().toString()).get("/v1/orders/").then().body("items", hasSize(0));
    }

    @Test
    void anEventForAnAttemptKassaDoesNotKnowIsAcknowledgedAndIgnored() throws Exception {
        UUID unknown = UUID.randomUUID();

        deliver("payment_intent.succeeded", unknown, "succeeded", 1999);

        Thread.sleep(300);
        assertThat(jdbc.sql("SELECT count(*) FROM payment_attempts WHERE id = :id").param("id", unknown).query(Integer.class).single())
                .isZero();
    }
}
