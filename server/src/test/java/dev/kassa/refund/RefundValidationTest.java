package dev.kassa.refund;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.kassa.auth.Scope;
import dev.kassa.support.TestData.Tenant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What {@code POST /v1/refunds/} refuses before anything is asked of Stripe, with Polar's errors. */
class RefundValidationTest extends RefundTestSupport {

    @Test
    void requiredFieldsAreReportedAsPydanticDoes() {
        refund(Map.of()).statusCode(422)
                .body("detail", hasSize(3))
                .body("detail.loc", equalTo(List.of(List.of("body", "order_id"), List.of("body", "reason"), List.of("body", "amount"))))
                .body("detail.type", equalTo(List.of("missing", "missing", "missing")));
    }

    @Test
    void anAmountBelowOneAndAnUnknownReasonAreRefused() {
        refund(Map.of("order_id", UUID.randomUUID().toString(), "amount", 0, "reason", "dispute_prevention")).statusCode(422)
                .body("detail", hasSize(2))
                .body("detail[0].loc", equalTo(List.of("body", "reason")))
                .body("detail[0].type", equalTo("literal_error"))
                .body("detail[0].msg", equalTo("Input should be 'duplicate', 'fraudulent', 'customer_request', "
                        + "'service_disruption', 'satisfaction_guarantee' or 'other'"))
                .body("detail[1].loc", equalTo(List.of("body", "amount")))
                .body("detail[1].type", equalTo("greater_than"))
                .body("detail[1].msg", equalTo("Input should be greater than 0"));
    }

    @Test
    void anOrderOfAnotherOrganizationIsNotFound() {
        String order = paidOrder(1000);
        Tenant other = data.tenant();
        as(other).body(Map.of("order_id", order, "amount", 100, "reason", "other")).post("/v1/refunds/").then().statusCode(422)
                .body("error", equalTo("PolarRequestValidationError"))
                .body("detail[0].loc", equalTo(List.of("body", "order_id")))
                .body("detail[0].msg", equalTo("Order not found"))
                .body("detail[0].type", equalTo("value_error"));
    }

    @Test
    void moreThanTheRefundableAmountIsRefused() {
        String order = paidOrder(1000);
        refund(order, 1001).statusCode(422)
                .body("error", equalTo("PolarRequestValidationError"))
                .body("detail[0].loc", equalTo(List.of("body", "amount")))
                .body("detail[0].msg", equalTo("Refund amount exceeds refundable amount"))
                .body("detail[0].input", equalTo(1001));
        org.assertj.core.api.Assertions.assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE order_id = :id")
                .param("id", UUID.fromString(order)).query(Long.class).single()).isZero();
    }

    @Test
    void benefitsOfASubscriptionOrderCannotBeRevokedByARefund() {
        Map<String, Object> order = purchase(Map.of("name", "Pro", "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))), "DE", "pm_card_visa");
        refund(Map.of("order_id", order.get("id"), "amount", 100, "reason", "other", "revoke_benefits", true)).statusCode(400)
                .body("error", equalTo("RevokeSubscriptionBenefitsProhibited"))
                .body("detail", equalTo("Subscription benefits can only be revoked upon cancellation"));
    }

    @Test
    void aFullyRefundedOrderAnswersRefundedAlready() {
        String order = paidOrder(1000);
        jdbc.sql("UPDATE orders SET status = 'refunded', refunded_amount = net_amount WHERE id = :id")
                .param("id", UUID.fromString(order)).update();
        refund(order, 1).statusCode(403)
                .body("error", equalTo("RefundedAlready"))
                .body("detail", equalTo("Order is already fully refunded: " + order));
    }

    @Test
    void anOrderWithoutAPaymentAnswersRefundUnknownPayment() {
        String order = paidOrder(1000);
        jdbc.sql("UPDATE orders SET stripe_payment_intent_id = NULL WHERE id = :id").param("id", UUID.fromString(order)).update();
        refund(order, 100).statusCode(404)
                .body("error", equalTo("RefundUnknownPayment"))
                .body("detail", equalTo("Refund issued for unknown order: " + order));
    }

    @Test
    void creatingNeedsRefundsWriteAndListingRefundsRead() {
        String order = paidOrder(1000);
        Tenant readOnly = data.withScopes(tenant, Set.of(Scope.REFUNDS_READ));
        as(readOnly).body(Map.of("order_id", order, "amount", 100, "reason", "other")).post("/v1/refunds/").then().statusCode(403);
        as(readOnly).get("/v1/refunds/").then().statusCode(200).body("items", hasSize(0));
        Tenant ordersOnly = data.withScopes(tenant, Set.of(Scope.ORDERS_READ));
        as(ordersOnly).get("/v1/refunds/").then().statusCode(403);
    }
}
