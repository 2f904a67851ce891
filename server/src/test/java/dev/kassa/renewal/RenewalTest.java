package dev.kassa.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.auth.Scope;
import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** Renewals end to end: a subscription bought through a checkout, advanced by the test clock, billed off-session. */
class RenewalTest extends RenewalTestSupport {

    @Test
    void advancingAnActiveMonthlySubscriptionBillsAndPaysItsNextPeriod() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        Instant firstEnd = Instant.parse(subscription(id).getString("current_period_end"));

        JsonPath after = advance(id);

        assertThat(after.getString("status")).isEqualTo("active");
        Instant start = Instant.parse(after.getString("current_period_start"));
        Instant end = Instant.parse(after.getString("current_period_end"));
        assertThat(start).isBeforeOrEqualTo(Instant.now());
        assertThat(end).isEqualTo(start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat(firstEnd).isAfter(Instant.now());
        List<Map<String, Object>> orders = orders(id);
        assertThat(orders).hasSize(2);
        Map<String, Object> renewal = orders.get(1);
        // Germany: tax included in the price (19 %), as at the checkout.
        assertThat(renewal).containsEntry("billing_reason", "subscription_cycle").containsEntry("status", "paid")
                .containsEntry("paid", true).containsEntry("subtotal_amount", 840).containsEntry("discount_amount", 0)
                .containsEntry("tax_amount", 160).containsEntry("total_amount", 1000)
                .containsEntry("subscription_id", id.toString());
        assertThat(orders.get(0)).containsEntry("billing_reason", "subscription_create").containsEntry("total_amount", 1000);
        assertThat(renewal.get("invoice_number")).isNotEqualTo(orders.get(0).get("invoice_number"));
    }

    @Test
    void theCheckoutSavesItsPaymentMethodOnTheSubscription() {
        UUID id = subscribe(monthlyProduct(1000), VISA);

        assertThat(paymentMethodOf(id)).startsWith("pm_");
    }

    @Test
    void aRenewalEmitsCycledAndUpdatedThenTheOrderCreatedAndPaid() {
        webhookEndpoint(List.of("subscription.cycled", "subscription.updated", "subscription.active", "order.created",
                "order.updated", "order.paid"));
        UUID id = subscribe(monthlyProduct(1000), VISA);
        long seq = lastEventSeq();

        advance(id);

        assertThat(eventsSince(seq)).containsExactly("subscription.cycled", "subscription.updated", "order.created",
                "order.updated", "order.paid");
    }

    @Test
    void aThreeMonthRepeatingDiscountAppliesToRenewalsTwoAndThreeButNotFour() {
        String discount = discount(Map.of("type", "percentage", "basis_points", 5000, "duration", "repeating",
                "duration_in_months", 3));
        UUID id = subscribe(Map.of("products", List.of(monthlyProduct(1000)), "discount_id", discount), VISA);

        advance(id);
        advance(id);
        JsonPath afterFourth = advance(id);

        assertThat(orders(id)).extracting(o -> o.get("total_amount")).containsExactly(500, 500, 500, 1000);
        assertThat(orders(id)).extracting(o -> o.get("discount_id")).containsExactly(discount, discount, discount, null);
        assertThat(afterFourth.getString("discount_id")).isNull();
        assertThat(afterFourth.getString("status")).isEqualTo("active");
    }

    @Test
    void aOnceDiscountLeavesTheFirstRenewalAtFullPrice() {
        String discount = discount(Map.of("type", "fixed", "amount", 300, "currency", "usd", "duration", "once"));
        UUID id = subscribe(Map.of("products", List.of(monthlyProduct(1000)), "discount_id", discount), VISA);

        advance(id);

        assertThat(orders(id)).extracting(o -> o.get("total_amount")).containsExactly(700, 1000);
    }

    @Test
    void aTrialIsChargedAtItsEndAndThenActive() {
        webhookEndpoint(List.of("subscription.active", "order.paid"));
        UUID id = subscribe(Map.of("products", List.of(monthlyProduct(1000)), "trial_interval", "week", "trial_interval_count", 1),
                VISA);
        JsonPath trialing = subscription(id);
        assertThat(trialing.getString("status")).isEqualTo("trialing");
        long seq = lastEventSeq();

        JsonPath after = advance(id);

        assertThat(after.getString("status")).isEqualTo("active");
        assertThat(Instant.parse(after.getString("current_period_start")))
                .isEqualTo(Instant.parse(after.getString("trial_end")));
        assertThat(orders(id)).extracting(o -> o.get("total_amount")).containsExactly(0, 1000);
        assertThat(orders(id).get(1)).containsEntry("billing_reason", "subscription_cycle").containsEntry("status", "paid");
        assertThat(eventsSince(seq)).containsExactly("order.paid", "subscription.active");
    }

    @Test
    void aDeclinedRenewalMakesTheSubscriptionPastDueWithItsOrderPending() {
        webhookEndpoint(List.of("subscription.past_due", "subscription.updated", "order.created", "order.paid"));
        UUID id = subscribe(monthlyProduct(1000), VISA);
        setPaymentMethod(id, "pm_card_chargeDeclined");
        long seq = lastEventSeq();

        JsonPath after = advance(id);

        assertThat(after.getString("status")).isEqualTo("past_due");
        assertThat(orders(id).get(1)).containsEntry("status", "pending").containsEntry("paid", false);
        assertThat(eventsSince(seq)).containsExactly("subscription.updated", "order.created", "subscription.past_due",
                "subscription.updated");
        assertThat(jdbc.sql("SELECT past_due_at IS NOT NULL FROM subscriptions WHERE id = :id").param("id", id)
                .query(Boolean.class).single()).isTrue();
    }

    @Test
    void dunningRetriesFourTimesThenEndsTheSubscription() {
        webhookEndpoint(List.of("subscription.canceled", "subscription.revoked"));
        UUID id = subscribe(monthlyProduct(1000), VISA);
        setPaymentMethod(id, "pm_card_chargeDeclined");
        advance(id);
        for (int retry = 1; retry <= 3; retry++) {
            assertThat(advance(id).getString("status")).isEqualTo("past_due");
        }
        long seq = lastEventSeq();

        JsonPath ended = advance(id);

        assertThat(ended.getString("status")).isEqualTo("canceled");
        assertThat(ended.getString("ended_at")).isNotNull();
        assertThat(ended.getString("ends_at")).isEqualTo(ended.getString("ended_at"));
        assertThat(eventsSince(seq)).containsExactly("subscription.canceled", "subscription.revoked");
        assertThat(jdbc.sql("SELECT count(*) FROM renewal_attempts a JOIN renewals r ON r.id = a.renewal_id WHERE r.subscription_id = :id")
                .param("id", id).query(Integer.class).single()).isEqualTo(5);
        assertThat(orders(id).get(1)).containsEntry("status", "pending");
        // Nothing is due any more.
        assertThat(advance(id).getString("status")).isEqualTo("canceled");
    }

    @Test
    void aCardThatFailsOnceSavedGoesPastDueThenEndsAfterTheLastRetry() {
        UUID id = subscribe(monthlyProduct(1000), CHARGE_CUSTOMER_FAIL);
        assertThat(orders(id)).extracting(o -> o.get("status")).containsExactly("paid");

        assertThat(advance(id).getString("status")).isEqualTo("past_due");
        for (int retry = 1; retry <= 3; retry++) {
            assertThat(advance(id).getString("status")).isEqualTo("past_due");
        }
        JsonPath ended = advance(id);

        assertThat(ended.getString("status")).isEqualTo("canceled");
        assertThat(ended.getString("ended_at")).isNotNull();
        assertThat(jdbc.sql("""
                SELECT a.decline_code FROM renewal_attempts a JOIN renewals r ON r.id = a.renewal_id WHERE r.subscription_id = :id
                ORDER BY a.number
                """).param("id", id).query(String.class).list()).containsExactly("card_declined", "card_declined",
                "card_declined", "card_declined", "card_declined");
    }

    @Test
    void aRetryWaitsTwoDaysAfterTheFirstDecline() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        setPaymentMethod(id, "pm_card_chargeDeclined");

        advance(id);

        Map<String, Object> renewal = jdbc.sql("SELECT failures, next_retry_at - updated_at AS wait FROM renewals WHERE subscription_id = :id")
                .param("id", id).query().singleRow();
        assertThat(renewal.get("failures")).isEqualTo(1);
        assertThat(renewal.get("wait").toString()).isEqualTo("2 days");
    }

    @Autowired
    dev.kassa.subscription.SubscriptionBilling billing;
    @Autowired
    RenewalJob job;

    @Test
    void aNewPaymentMethodIsRetriedAtOnceAndReactivatesThePastDueSubscription() throws InterruptedException {
        webhookEndpoint(List.of("subscription.active", "order.paid"));
        UUID id = subscribe(monthlyProduct(1000), VISA);
        String card = paymentMethodOf(id);
        setPaymentMethod(id, "pm_card_chargeDeclined");
        advance(id);
        UUID customer = UUID.fromString(subscription(id).getString("customer_id"));
        long seq = lastEventSeq();

        billing.usePaymentMethod(tenant.organizationId(), customer, card);

        // Retried once the change commits, with no job run (PaymentMethodRetries).
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        while (!"active".equals(subscription(id).getString("status")) && java.time.Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(subscription(id).getString("status")).isEqualTo("active");
        assertThat(orders(id).get(1)).containsEntry("status", "paid");
        assertThat(eventsSince(seq)).containsExactly("order.paid", "subscription.active");
        assertThat(jdbc.sql("SELECT past_due_at FROM subscriptions WHERE id = :id").param("id", id).query(java.sql.Timestamp.class)
                .optional()).isEmpty();
    }

    @Test
    void advanceNeedsTheSubscriptionsWriteScope() {
        UUID id = subscribe(monthlyProduct(1000), VISA);

        as(data.withScopes(tenant, Set.of(Scope.SUBSCRIPTIONS_READ))).post("/v1/test-helpers/subscriptions/" + id + "/advance")
                .then().statusCode(403);
    }

    @Test
    void advanceOfAnotherOrganizationsSubscriptionIsNotFound() {
        UUID id = subscribe(monthlyProduct(1000), VISA);

        as(data.tenant()).post("/v1/test-helpers/subscriptions/" + id + "/advance").then().statusCode(404)
                .body("error", org.hamcrest.Matchers.equalTo("ResourceNotFound"));
    }

    @Test
    void theAdminCommandAdvancesASubscriptionAsTheEndpointDoes() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.ByteArrayOutputStream err = new java.io.ByteArrayOutputStream();

        int status = dev.kassa.admin.AdminCommand.run(new String[] {"advance-subscription", id.toString()},
                Map.of("KASSA_DATA_DIR", DATA_DIR.toString()), new java.io.PrintStream(out, true), new java.io.PrintStream(err, true));

        assertThat(status).as(err.toString()).isZero();
        assertThat(out.toString()).contains("\"status\":\"active\"");
        assertThat(orders(id)).extracting(o -> o.get("billing_reason")).containsExactly("subscription_create", "subscription_cycle");
        assertThat(orders(id).get(1)).containsEntry("status", "paid");
    }

    @Test
    void aRenewalKeepsTheSubscriptionsOwnPriceWhenTheProductGetsANewOne() {
        String product = monthlyProduct(1000);
        UUID id = subscribe(product, VISA);
        as(tenant).body(Map.of("prices", List.of(Map.of("amount_type", "fixed", "price_amount", 2500)))).patch("/v1/products/" + product)
                .then().statusCode(200);

        advance(id);

        assertThat(orders(id)).extracting(o -> o.get("total_amount")).containsExactly(1000, 1000);
    }

    @Test
    void taxIsRecalculatedForTheCustomersCurrentBillingAddress() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        String customer = subscription(id).getString("customer_id");
        as(tenant).body(Map.of("billing_address", Map.of("country", "US", "state", "US-NY", "postal_code", "10001",
                "line1", "1 Main St", "city", "New York"))).patch("/v1/customers/" + customer).then().statusCode(200);

        advance(id);

        // New York: tax on top of the price (exclusive), where Germany had it included.
        Map<String, Object> renewal = orders(id).get(1);
        assertThat((Integer) renewal.get("tax_amount")).isPositive();
        assertThat(renewal).containsEntry("subtotal_amount", 1000).containsEntry("status", "paid")
                .containsEntry("total_amount", 1000 + (Integer) renewal.get("tax_amount"));
    }

    @Test
    void theJobLeavesSubscriptionsSetToCancelAtThePeriodEndToTheirEnd() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        jdbc.sql("UPDATE subscriptions SET cancel_at_period_end = true, current_period_end = now() - interval '1 second' WHERE id = :id")
                .param("id", id).update();

        job.runOnce();

        assertThat(orders(id)).hasSize(1);
        assertThat(jdbc.sql("SELECT count(*) FROM renewals WHERE subscription_id = :id").param("id", id).query(Integer.class).single())
                .isZero();
        // It is the end job's: it ends it (and no due subscription is left for other tests' jobs).
        assertThat(changes.endCanceledAtPeriodEnd(id)).isTrue();
    }

    @Autowired
    dev.kassa.subscription.SubscriptionChanges changes;

    @Test
    void advancingASubscriptionSetToCancelEndsItAtItsPeriodEndWithoutACharge() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        as(tenant).body(Map.of("cancel_at_period_end", true)).patch("/v1/subscriptions/" + id).then().statusCode(200);

        JsonPath ended = advance(id);

        assertThat(ended.getString("status")).isEqualTo("canceled");
        assertThat(ended.getString("ended_at")).isNotNull();
        assertThat(orders(id)).hasSize(1);
    }

    @Test
    void aSubscriptionWithoutARecordedPaymentMethodUsesTheOneItsCheckoutSavedFoundAtStripe() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        String saved = paymentMethodOf(id);
        setPaymentMethod(id, null);
        jdbc.sql("UPDATE payment_attempts SET stripe_payment_method_id = NULL WHERE checkout_id = (SELECT checkout_id FROM subscriptions WHERE id = :id)")
                .param("id", id).update();

        advance(id);

        assertThat(paymentMethodOf(id)).isEqualTo(saved);
        assertThat(orders(id).get(1)).containsEntry("status", "paid");
    }
}
