package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import dev.kassa.payment.PaymentAttempts;
import dev.kassa.payment.CustomerDetails;
import dev.kassa.payment.PaymentAttempt;
import dev.kassa.payment.PaymentRequest;
import io.restassured.RestAssured;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/**
 * A payment whose answer never reached Kassa (the node crashed right after calling Stripe): the attempt is still
 * pending and the checkout confirmed. The reconciliation job replays the call with the attempt's idempotency key
 * and settles the checkout from what Stripe says, without waiting for a webhook.
 */
class PaymentReconciliationTest extends CheckoutTestSupport {

    @Autowired
    PaymentReconciliation reconciliation;

    @Autowired
    PaymentAttempts attempts;

    private UUID crashedConfirm(String paymentMethod) {
        return pendingConfirm(confirmationToken(paymentMethod), "crash@example.com").checkoutId();
    }

    @Test
    void aPendingAttemptThatStripeChargedEndsSucceededWithOneOrder() {
        UUID checkoutId = crashedConfirm("pm_card_visa");

        reconciliation.reconcile();

        assertThat(checkoutStatus(checkoutId)).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", checkoutId.toString()).get("/v1/orders/").then().body("items", hasSize(1));
        assertThat(jdbc.sql("SELECT status FROM payment_attempts WHERE checkout_id = :id").param("id", checkoutId)
                .query(String.class).single()).isEqualTo("succeeded");
    }

    @Test
    void aPendingAttemptThatStripeDeclinedPutsTheCheckoutBackToOpen() {
        UUID checkoutId = crashedConfirm("pm_card_chargeDeclined");

        reconciliation.reconcile();

        assertThat(checkoutStatus(checkoutId)).isEqualTo("open");
        assertThat(jdbc.sql("SELECT status FROM payment_attempts WHERE checkout_id = :id").param("id", checkoutId)
                .query(String.class).single()).isEqualTo("declined");
    }

    @Test
    void aThreeDSecureStepAbandonedForAnHourIsCanceledAndTheCheckoutReopened() {
        Map<String, Object> checkout = createCheckout(Map.of("products", java.util.List.of(fixedProduct("Book", 1999))));
        UUID checkoutId = UUID.fromString((String) checkout.get("id"));
        anonymous().body(Map.of("customer_email", "abandoned@example.com", "customer_billing_address", Map.of("country", "DE"),
                        "confirmation_token_id", confirmationToken("pm_card_authenticationRequired")))
                .post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm").then().statusCode(200);
        assertThat(checkoutStatus(checkoutId)).isEqualTo("confirmed");
        jdbc.sql("UPDATE payment_attempts SET created_at = :at, next_check_at = now() WHERE checkout_id = :id")
                .param("at", Timestamp.from(Instant.now().minusSeconds(2 * 3600))).param("id", checkoutId).update();
        jdbc.sql("UPDATE checkouts SET modified_at = :at WHERE id = :id")
                .param("at", Timestamp.from(Instant.now().minusSeconds(3600))).param("id", checkoutId).update();

        reconciliation.reconcile();

        assertThat(checkoutStatus(checkoutId)).isEqualTo("open");
        String intent = jdbc.sql("SELECT intent_id FROM payment_attempts WHERE checkout_id = :id").param("id", checkoutId)
                .query(String.class).single();
        RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .get("/_stripe/v1/payment_intents/" + intent).then().statusCode(200)
                .body("status", org.hamcrest.Matchers.equalTo("canceled"));
    }
}
