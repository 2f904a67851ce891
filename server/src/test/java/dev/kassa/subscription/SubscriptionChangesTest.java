package dev.kassa.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.auth.Scope;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code PATCH} and {@code DELETE /v1/subscriptions/{id}}: what each change does to the subscription, and its events. */
class SubscriptionChangesTest extends SubscriptionChangesTestSupport {

    @Test
    void cancelingAtPeriodEndKeepsItActiveUntilThePeriodEndsWithTheBuyersReason() {
        Map<String, Object> response = patch(subscription.id(), Map.of("cancel_at_period_end", true,
                "customer_cancellation_reason", "too_expensive", "customer_cancellation_comment", "Pricey"))
                .statusCode(200)
                .body("status", equalTo("active"))
                .body("cancel_at_period_end", equalTo(true))
                .body("canceled_at", notNullValue())
                .body("ended_at", nullValue())
                .body("customer_cancellation_reason", equalTo("too_expensive"))
                .body("customer_cancellation_comment", equalTo("Pricey"))
                .extract().jsonPath().getMap("");

        assertThat(response.get("ends_at")).isEqualTo(response.get("current_period_end"));
        assertThat(response.get("modified_at")).isEqualTo(response.get("canceled_at"));
        assertThat(get(subscription.id())).isEqualTo(response);
        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "customer.state_changed");
        assertThat(payloads("subscription.canceled")).containsExactly(response);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> active = (List<Map<String, Object>>) payloads("customer.state_changed").getFirst()
                .get("active_subscriptions");
        assertThat(active).singleElement().satisfies(s -> {
            assertThat(s.get("id")).isEqualTo(subscription.id().toString());
            assertThat(s.get("cancel_at_period_end")).isEqualTo(true);
            assertThat(s.get("ends_at")).isEqualTo(response.get("ends_at"));
        });
    }

    @Test
    void aSubscriptionCanBeCanceledOnlyOnce() {
        patch(subscription.id(), Map.of("cancel_at_period_end", true)).statusCode(200);

        patch(subscription.id(), Map.of("cancel_at_period_end", true)).statusCode(403)
                .body("error", equalTo("AlreadyCanceledSubscription"))
                .body("detail", equalTo("This subscription is already canceled or will be at the end of the period."));
        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "customer.state_changed");
    }

    @Test
    void uncancelingClearsTheCancellationAndTheReason() {
        patch(subscription.id(), Map.of("cancel_at_period_end", true, "customer_cancellation_reason", "unused"))
                .statusCode(200);

        Map<String, Object> response = patch(subscription.id(), Map.of("cancel_at_period_end", false)).statusCode(200)
                .body("status", equalTo("active"))
                .body("cancel_at_period_end", equalTo(false))
                .body("canceled_at", nullValue())
                .body("ends_at", nullValue())
                .body("customer_cancellation_reason", nullValue())
                .extract().jsonPath().getMap("");

        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "customer.state_changed",
                "subscription.updated", "subscription.uncanceled", "customer.state_changed");
        assertThat(payloads("subscription.uncanceled")).containsExactly(response);
    }

    @Test
    void uncancelingASubscriptionThatIsNotCanceledIsAConflict() {
        patch(subscription.id(), Map.of("cancel_at_period_end", false)).statusCode(409)
                .body("error", equalTo("SubscriptionNotScheduledToCancel"))
                .body("detail", equalTo("This subscription is not scheduled to be canceled, so it cannot be uncanceled."));
        assertThat(events()).isEmpty();
    }

    @Test
    void revokingEndsItNow() {
        Map<String, Object> response = patch(subscription.id(), Map.of("revoke", true,
                "customer_cancellation_reason", "other", "customer_cancellation_comment", "Moved on"))
                .statusCode(200)
                .body("status", equalTo("canceled"))
                .body("cancel_at_period_end", equalTo(false))
                .body("customer_cancellation_reason", equalTo("other"))
                .body("customer_cancellation_comment", equalTo("Moved on"))
                .extract().jsonPath().getMap("");

        assertThat(response.get("canceled_at")).isNotNull();
        assertThat(response.get("ends_at")).isEqualTo(response.get("canceled_at"));
        assertThat(response.get("ended_at")).isEqualTo(response.get("canceled_at"));
        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "subscription.revoked",
                "customer.state_changed");
        assertThat(payloads("subscription.revoked")).containsExactly(response);
        assertThat(payloads("customer.state_changed").getFirst().get("active_subscriptions")).isEqualTo(List.of());
    }

    @Test
    void deleteRevokesOnceAndARevokedSubscriptionCanNeitherBeCanceledNorUncanceled() {
        as(tenant).delete("/v1/subscriptions/" + subscription.id()).then().statusCode(200)
                .body("id", equalTo(subscription.id().toString()))
                .body("status", equalTo("canceled"))
                .body("ended_at", notNullValue());

        as(tenant).delete("/v1/subscriptions/" + subscription.id()).then().statusCode(403)
                .body("error", equalTo("AlreadyCanceledSubscription"));
        patch(subscription.id(), Map.of("revoke", true)).statusCode(403).body("error", equalTo("AlreadyCanceledSubscription"));
        patch(subscription.id(), Map.of("cancel_at_period_end", true)).statusCode(403)
                .body("error", equalTo("AlreadyCanceledSubscription"));
        patch(subscription.id(), Map.of("cancel_at_period_end", false)).statusCode(410)
                .body("error", equalTo("ResourceUnavailable"))
                .body("detail", equalTo("Unavailable"));
        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "subscription.revoked",
                "customer.state_changed");
    }

    @Test
    void revokingASubscriptionCanceledAtPeriodEndSendsCanceledAgainAndKeepsCancelAtPeriodEnd() {
        patch(subscription.id(), Map.of("cancel_at_period_end", true, "customer_cancellation_reason", "unused"))
                .statusCode(200);

        patch(subscription.id(), Map.of("revoke", true)).statusCode(200)
                .body("status", equalTo("canceled"))
                .body("cancel_at_period_end", equalTo(true))
                .body("customer_cancellation_reason", equalTo("unused"));

        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "customer.state_changed",
                "subscription.updated", "subscription.canceled", "subscription.revoked", "customer.state_changed");
    }

    @Test
    void deletingTheCustomerRevokesItsSubscriptionsThatCouldStillBeBilled() {
        Subscription canceledAtPeriodEnd = subscribe(customer);
        Subscription revoked = subscribe(customer);
        patch(canceledAtPeriodEnd.id(), Map.of("cancel_at_period_end", true)).statusCode(200);
        patch(revoked.id(), Map.of("revoke", true)).statusCode(200);
        jdbc.sql("DELETE FROM webhook_events WHERE organization_id = :org").param("org", tenant.organizationId()).update();
        Map<String, Object> revokedBefore = get(revoked.id());

        as(tenant).delete("/v1/customers/" + customer.id()).then().statusCode(204);

        assertThat(get(subscription.id())).containsEntry("status", "canceled").containsEntry("cancel_at_period_end", false);
        assertThat(get(canceledAtPeriodEnd.id())).containsEntry("status", "canceled").containsEntry("cancel_at_period_end", true);
        assertThat(get(subscription.id()).get("ended_at")).isNotNull();
        Map<String, Object> revokedAfter = new java.util.HashMap<>(get(revoked.id()));
        revokedAfter.put("customer", revokedBefore.get("customer"));
        assertThat(revokedAfter).isEqualTo(revokedBefore);
        assertThat(events()).containsExactly("customer.deleted", "customer.state_changed",
                "subscription.updated", "subscription.canceled", "subscription.revoked",
                "subscription.updated", "subscription.canceled", "subscription.revoked");
        assertThat(payloads("subscription.revoked")).extracting(p -> p.get("id"))
                .containsExactlyInAnyOrder(subscription.id().toString(), canceledAtPeriodEnd.id().toString());
        Map<String, Object> state = payloads("customer.state_changed").getFirst();
        assertThat(state.get("deleted_at")).isNotNull();
        assertThat(state.get("active_subscriptions")).isEqualTo(List.of());
    }

    @Test
    void metadataIsReplaced() {
        patch(subscription.id(), Map.of("metadata", Map.of("seats", 3))).statusCode(200)
                .body("metadata", equalTo(Map.of("seats", 3)))
                .body("status", equalTo("active"));

        assertThat(events()).containsExactly("subscription.updated", "customer.state_changed");
    }

    @Test
    void anEmptyUpdateChangesNothing() {
        Map<String, Object> before = get(subscription.id());

        patch(subscription.id(), Map.of()).statusCode(200);

        assertThat(get(subscription.id())).isEqualTo(before);
        assertThat(events()).isEmpty();
    }

    @Test
    void changesKassaDoesNotMakeYetAreRefusedWithoutChangingAnything() {
        UUID other = UUID.randomUUID();
        notSupported(Map.of("product_id", other.toString(), "proration_behavior", "invoice"), "product_id",
                other.toString(), "Changing the product of a subscription is not supported by Kassa yet.");
        notSupported(Map.of("discount_id", other.toString()), "discount_id", other.toString(),
                "Changing the discount of a subscription is not supported by Kassa yet.");
        notSupported(Map.of("trial_end", "now"), "trial_end", "now",
                "Changing the trial of a subscription is not supported by Kassa yet.");
        notSupported(Map.of("current_billing_period_end", "2030-01-01T00:00:00Z"), "current_billing_period_end",
                "2030-01-01T00:00:00Z", "Changing the billing period of a subscription is not supported by Kassa yet.");
        notSupported(Map.of("pause_at_period_end", true), "pause_at_period_end", true,
                "Pausing a subscription is not supported by Kassa yet.");
        patch(subscription.id(), nullPendingUpdate()).statusCode(422)
                .body("error", equalTo("PolarRequestValidationError"))
                .body("detail[0].loc", equalTo(List.of("body", "pending_update")))
                .body("detail[0].msg", equalTo("This subscription has no pending update to clear."));

        assertThat(get(subscription.id())).containsEntry("metadata", Map.of("plan", "pro"))
                .containsEntry("cancel_at_period_end", false);
        assertThat(events()).isEmpty();
    }

    private static Map<String, Object> nullPendingUpdate() {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("pending_update", null);
        return body;
    }

    private void notSupported(Map<String, Object> body, String field, Object input, String msg) {
        patch(subscription.id(), body).statusCode(422)
                .body("error", equalTo("PolarRequestValidationError"))
                .body("detail", equalTo(List.of(Map.of("type", "value_error", "loc", List.of("body", field), "msg", msg,
                        "input", input))));
    }

    @Test
    void seatsUnitsAndPausesAnswerAsPolarDoesForASubscriptionWithoutThem() {
        patch(subscription.id(), Map.of("seats", 2)).statusCode(400)
                .body("error", equalTo("NotASeatBasedSubscription"))
                .body("detail", equalTo("This subscription does not support seat-based pricing."));
        patch(subscription.id(), Map.of("units", 2)).statusCode(400)
                .body("error", equalTo("NotAUnitBasedSubscription"));
        patch(subscription.id(), Map.of("pause_at_period_end", false)).statusCode(409)
                .body("error", equalTo("NoScheduledPause"));
        patch(subscription.id(), Map.of("resume", true)).statusCode(409)
                .body("error", equalTo("NotPausedSubscription"));
        patch(subscription.id(), Map.of("cancel_at_period_end", true)).statusCode(200);
        patch(subscription.id(), Map.of("seats", 2)).statusCode(403).body("error", equalTo("AlreadyCanceledSubscription"));
    }

    @Test
    void malformedBodiesAreRefusedWithPydanticsErrors() {
        patch(subscription.id(), Map.of("cancel_at_period_end", "maybe")).statusCode(422)
                .body("error", equalTo("RequestValidationError"))
                .body("detail[0].type", equalTo("bool_type"))
                .body("detail[0].loc", equalTo(List.of("body", "cancel_at_period_end")));
        patch(subscription.id(), Map.of("revoke", false)).statusCode(422)
                .body("detail", equalTo(List.of(Map.of("type", "literal_error", "loc", List.of("body", "revoke"),
                        "msg", "Input should be True", "input", false))));
        patch(subscription.id(), Map.of("cancel_at_period_end", true, "product_id", UUID.randomUUID().toString()))
                .statusCode(422)
                .body("detail[0].type", equalTo("extra_forbidden"))
                .body("detail[0].loc", equalTo(List.of("body", "product_id")))
                .body("detail[0].msg", equalTo("Extra inputs are not permitted"));
        patch(subscription.id(), Map.of("cancel_at_period_end", true, "customer_cancellation_reason", "bored"))
                .statusCode(422)
                .body("detail[0].type", equalTo("enum"))
                .body("detail[0].msg", equalTo("Input should be 'customer_service', 'low_quality', 'missing_features', "
                        + "'switched_service', 'too_complex', 'too_expensive', 'unused' or 'other'"));
        patch(subscription.id(), List.of()).statusCode(422).body("detail[0].type", equalTo("model_attributes_type"));
        assertThat(events()).isEmpty();
    }

    @Test
    void onlyTheOrganizationsWriteTokensChangeItsSubscriptions() {
        as(data.withScopes(tenant, Set.of(Scope.SUBSCRIPTIONS_READ))).body(Map.of("revoke", true))
                .patch("/v1/subscriptions/" + subscription.id()).then().statusCode(403);
        as(data.withScopes(tenant, Set.of(Scope.SUBSCRIPTIONS_READ))).delete("/v1/subscriptions/" + subscription.id())
                .then().statusCode(403);
        as(data.tenant()).body(Map.of("revoke", true)).patch("/v1/subscriptions/" + subscription.id()).then()
                .statusCode(404).body("error", equalTo("ResourceNotFound"));
        as(data.tenant()).delete("/v1/subscriptions/" + subscription.id()).then().statusCode(404);
        patch(UUID.randomUUID(), Map.of("revoke", true)).statusCode(404);
        anonymous().body(Map.of("revoke", true)).patch("/v1/subscriptions/" + subscription.id()).then().statusCode(401);

        assertThat(get(subscription.id())).containsEntry("status", "active");
        as(data.withScopes(tenant, Set.of(Scope.SUBSCRIPTIONS_WRITE))).body(Map.of("revoke", true))
                .patch("/v1/subscriptions/" + subscription.id()).then().statusCode(200);
    }
}
