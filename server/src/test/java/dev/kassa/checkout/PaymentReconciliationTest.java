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
 * Payments whose outcome Kassa did not see (a crash, a lost answer, a lost webhook) are settled by looking them up
 * at Stripe; what Stripe cannot answer (401, 404, an outage) leaves them unresolved, retried and, in the end,
 * flagged for a person, never reopened on a guess.
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

    private void fault(String params) {
        RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "").contentType("application/x-www-form-urlencoded")
                .body(params).post("/_stripe/v1/test_helpers/emulator/faults").then().statusCode(200);
    }

    @org.junit.jupiter.api.AfterEach
    void clearFaults() {
        RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .delete("/_stripe/v1/test_helpers/emulator/faults").then().statusCode(200);
    }

    private Map<String, Object> attemptRow(UUID checkoutId) {
        return jdbc.sql("SELECT status, checks, last_error, flagged_at IS NOT NULL AS flagged, next_check_at > now() AS later "
                + "FROM payment_attempts WHERE checkout_id = :id").param("id", checkoutId).query().singleRow();
    }

    private void makeDue(UUID checkoutId) {
        jdbc.sql("UPDATE payment_attempts SET next_check_at = now() WHERE checkout_id = :id").param("id", checkoutId).update();
    }

    @Test
    void aChargeAnswered500WhoseWebhookIsLostIsFoundByLookUpAndFulfilledOnce() {
        fault("type=lost_webhooks&count=20");
        Map<String, Object> checkout = createCheckout(Map.of("products", java.util.List.of(fixedProduct("Book", 1999)),
                "metadata", Map.of("emulator_fail_after_charge", "500")));
        UUID checkoutId = UUID.fromString((String) checkout.get("id"));
        confirm((String) checkout.get("client_secret"), paidBody("lost-webhook@example.com", "pm_card_visa")).statusCode(200)
                .body("payment_processor_metadata.intent_status", org.hamcrest.Matchers.equalTo("processing"));
        assertThat(checkoutStatus(checkoutId)).isEqualTo("confirmed");
        makeDue(checkoutId);

        reconciliation.reconcile();

        assertThat(checkoutStatus(checkoutId)).isEqualTo("succeeded");
        assertThat(attemptRow(checkoutId).get("status")).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", checkoutId.toString()).get("/v1/orders/").then().body("items", hasSize(1));
    }

    @Test
    void a401FromStripeDuringALookUpLeavesThePaymentUnresolvedAndItIsSettledLater() {
        UUID checkoutId = crashedConfirm("pm_card_visa");
        fault("method=GET&path_prefix=/v1/payment_intents&status=401&count=5");

        reconciliation.reconcile();

        Map<String, Object> attempt = attemptRow(checkoutId);
        assertThat(checkoutStatus(checkoutId)).isEqualTo("confirmed");
        assertThat(attempt.get("status")).isEqualTo("pending");
        assertThat(attempt.get("later")).as("retried later, with backoff").isEqualTo(true);
        assertThat((String) attempt.get("last_error")).contains("HTTP 401");

        clearFaults();
        makeDue(checkoutId);
        reconciliation.reconcile();

        assertThat(checkoutStatus(checkoutId)).isEqualTo("succeeded");
        as(tenant).queryParam("checkout_id", checkoutId.toString()).get("/v1/orders/").then().body("items", hasSize(1));
    }

    @Test
    void a404ForAKnownIntentNeverReopensTheCheckout() {
        Map<String, Object> checkout = createCheckout(Map.of("products", java.util.List.of(fixedProduct("Book", 1999))));
        UUID checkoutId = UUID.fromString((String) checkout.get("id"));
        confirm((String) checkout.get("client_secret"), paidBody("three-ds@example.com", "pm_card_authenticationRequired")).statusCode(200);
        assertThat(attemptRow(checkoutId).get("status")).isEqualTo("created");
        fault("method=GET&path_prefix=/v1/payment_intents/&status=404&count=5");
        makeDue(checkoutId);

        reconciliation.reconcile();

        assertThat(checkoutStatus(checkoutId)).isEqualTo("confirmed");
        assertThat(attemptRow(checkoutId).get("status")).isEqualTo("created");
        assertThat((String) attemptRow(checkoutId).get("last_error")).contains("HTTP 404");
    }

    @Test
    void anAttemptStillUnsettledAfterEightChecksIsFlaggedForThePersonAndStillRetried() {
        UUID checkoutId = crashedConfirm("pm_card_visa");
        jdbc.sql("UPDATE payment_attempts SET checks = 8 WHERE checkout_id = :id").param("id", checkoutId).update();
        fault("method=GET&path_prefix=/v1/payment_intents&status=500&count=5");

        reconciliation.reconcile();

        Map<String, Object> attempt = attemptRow(checkoutId);
        assertThat(attempt.get("flagged")).isEqualTo(true);
        assertThat(attempt.get("status")).isEqualTo("pending");
        assertThat(attempt.get("later")).isEqualTo(true);
        assertThat(attempts.flagged(1000)).anySatisfy(f -> assertThat(f.checkoutId()).isEqualTo(checkoutId));
    }

    @Test
    void aPendingAttemptTooOldToReplayIsFlaggedAndNeverReplayed() {
        PendingConfirm pending = pendingConfirm(confirmationToken("pm_card_visa"), "old@example.com");
        jdbc.sql("UPDATE payment_attempts SET created_at = now() - interval '13 hours' WHERE id = :id")
                .param("id", pending.attemptId()).update();

        reconciliation.reconcile();

        Map<String, Object> attempt = attemptRow(pending.checkoutId());
        assertThat(attempt.get("flagged")).isEqualTo(true);
        assertThat(attempt.get("status")).isEqualTo("pending");
        assertThat(checkoutStatus(pending.checkoutId())).isEqualTo("confirmed");
        RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .queryParam("query", "metadata['kassa_attempt_id']:'" + pending.attemptId() + "'")
                .get("/_stripe/v1/payment_intents/search").then().statusCode(200).body("data", hasSize(0));
    }
}
