package dev.kassa.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The buyer's changes in the customer portal: cancel at period end and uncancel; the rest is not allowed. */
class PortalSubscriptionChangesTest extends SubscriptionChangesTestSupport {

    String token;

    @BeforeEach
    void session() {
        token = customers.issueSession(customer.id());
    }

    @Test
    void deleteCancelsAtPeriodEndAndAnswersTheCustomerSubscription() {
        Map<String, Object> response = portalDelete(token, subscription.id()).statusCode(200)
                .body("id", equalTo(subscription.id().toString()))
                .body("status", equalTo("active"))
                .body("cancel_at_period_end", equalTo(true))
                .body("canceled_at", notNullValue())
                .body("product.id", equalTo(productId.toString()))
                .body("product.organization.id", equalTo(tenant.organizationId().toString()))
                .body("prices[0].id", equalTo(priceId.toString()))
                .body("metadata", nullValue())
                .body("customer", nullValue())
                .extract().jsonPath().getMap("");

        assertThat(response.get("ends_at")).isEqualTo(response.get("current_period_end"));
        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "customer.state_changed");
        assertThat(payloads("subscription.canceled").getFirst()).containsEntry("cancel_at_period_end", true)
                .containsKeys("customer", "metadata");
        portalDelete(token, subscription.id()).statusCode(403).body("error", equalTo("AlreadyCanceledSubscription"));
    }

    @Test
    void patchCancelsWithTheBuyersReasonThenUncancels() {
        portalPatch(token, subscription.id(), Map.of("cancel_at_period_end", true, "cancellation_reason", "missing_features",
                "cancellation_comment", "No export")).statusCode(200)
                .body("cancel_at_period_end", equalTo(true))
                .body("customer_cancellation_reason", equalTo("missing_features"))
                .body("customer_cancellation_comment", equalTo("No export"));

        portalPatch(token, subscription.id(), Map.of("cancel_at_period_end", false)).statusCode(200)
                .body("cancel_at_period_end", equalTo(false))
                .body("canceled_at", nullValue())
                .body("ends_at", nullValue())
                .body("customer_cancellation_reason", nullValue());

        assertThat(events()).containsExactly("subscription.updated", "subscription.canceled", "customer.state_changed",
                "subscription.updated", "subscription.uncanceled", "customer.state_changed");
        portalPatch(token, subscription.id(), Map.of("cancel_at_period_end", false)).statusCode(409)
                .body("error", equalTo("SubscriptionNotScheduledToCancel"));
    }

    @Test
    void aCancellationWithoutCancelAtPeriodEndChangesNothing() {
        portalPatch(token, subscription.id(), Map.of("cancellation_reason", "unused")).statusCode(200)
                .body("cancel_at_period_end", equalTo(false))
                .body("customer_cancellation_reason", nullValue());
        portalPatch(token, subscription.id(), Map.of()).statusCode(200);

        assertThat(events()).isEmpty();
    }

    @Test
    void planSeatUnitAndPauseChangesAreNotAllowedByKassasPortalSettings() {
        portalPatch(token, subscription.id(), Map.of("product_id", productId.toString())).statusCode(403)
                .body("error", equalTo("UpdateSubscriptionPlanNotAllowed"))
                .body("detail", equalTo("Updating subscription plan is not allowed."));
        portalPatch(token, subscription.id(), Map.of("seats", 2)).statusCode(403)
                .body("error", equalTo("UpdateSubscriptionSeatsNotAllowed"));
        portalPatch(token, subscription.id(), Map.of("units", 2)).statusCode(403)
                .body("error", equalTo("UpdateSubscriptionUnitsNotAllowed"));
        portalPatch(token, subscription.id(), Map.of("pause_at_period_end", true)).statusCode(403)
                .body("error", equalTo("PauseResumeNotAllowed"))
                .body("detail", equalTo("Pausing or resuming a subscription is not allowed."));
        portalPatch(token, subscription.id(), Map.of("resume", true)).statusCode(403)
                .body("error", equalTo("PauseResumeNotAllowed"));
        as(tenant).get("/v1/customer-portal/customers/me").then().statusCode(401);
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/subscriptions/" + subscription.id())
                .then().statusCode(200)
                .body("product.organization.customer_portal_settings.subscription.update_plan", equalTo(false))
                .body("product.organization.allow_customer_updates", equalTo(false));
        assertThat(events()).isEmpty();
    }

    @Test
    void malformedBodiesAreRefusedWithPydanticsErrors() {
        portalPatch(token, subscription.id(), Map.of("product_id", "nope")).statusCode(422)
                .body("detail[0].type", equalTo("uuid_parsing"))
                .body("detail[0].loc", equalTo(List.of("body", "product_id")));
        portalPatch(token, subscription.id(), Map.of("cancel_at_period_end", true, "customer_cancellation_reason", "other"))
                .statusCode(422)
                .body("detail[0].type", equalTo("extra_forbidden"))
                .body("detail[0].loc", equalTo(List.of("body", "customer_cancellation_reason")));
        assertThat(events()).isEmpty();
    }

    @Test
    void aBuyerChangesOnlyTheirOwnSubscriptions() {
        Customer other = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "other@example.com", null));
        Subscription theirs = subscribe(other);

        portalDelete(token, theirs.id()).statusCode(404).body("error", equalTo("ResourceNotFound"));
        portalPatch(token, theirs.id(), Map.of("cancel_at_period_end", true)).statusCode(404);
        portalPatch(token, UUID.randomUUID(), Map.of("cancel_at_period_end", true)).statusCode(404);
        anonymous().delete("/v1/customer-portal/subscriptions/" + subscription.id()).then().statusCode(401);
        anonymous().header("Authorization", "Bearer " + tenant.token())
                .delete("/v1/customer-portal/subscriptions/" + subscription.id()).then().statusCode(401);

        assertThat(get(theirs.id())).containsEntry("cancel_at_period_end", false);
        assertThat(get(subscription.id())).containsEntry("cancel_at_period_end", false);
    }
}
