package dev.kassa.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refunds end to end: the API, Stripe's refund on the emulator, its webhooks back to Kassa, the order, and the
 * merchant's events. The emulator's asynchronous test refunds change 5 s after their creation (the suite shares one
 * context, so the delay is not lengthened here): the tests look at the first state at once, then settle them
 * through the emulator's test helper.
 */
class RefundFlowTest extends RefundTestSupport {

    /** 10.00 before tax, 19% German VAT on top: 11.90 paid. */
    private Map<String, Object> taxedPurchase(String paymentMethod) {
        return purchase(Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000,
                "tax_behavior", "exclusive"))), "DE", paymentMethod);
    }

    private RequestSpecification stripe() {
        return RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "");
    }

    private Map<String, Object> stripeRefunds(String orderId) {
        String intent = jdbc.sql("SELECT stripe_payment_intent_id FROM orders WHERE id = CAST(:id AS uuid)").param("id", orderId)
                .query(String.class).single();
        return stripe().queryParam("payment_intent", intent).get("/_stripe/v1/refunds").then().statusCode(200)
                .extract().jsonPath().getMap("");
    }

    @Test
    void aPartialThenAFullRefundGiveBackTheWholeOrderWithItsTax() {
        Map<String, Object> order = taxedPurchase("pm_card_visa");
        String id = (String) order.get("id");
        assertThat(order).containsEntry("net_amount", 1000).containsEntry("tax_amount", 190).containsEntry("total_amount", 1190);

        Map<String, Object> first = refund(Map.of("order_id", id, "amount", 333, "reason", "customer_request",
                "comment", "damaged", "metadata", Map.of("ticket", "T-1"))).statusCode(201)
                .body("status", equalTo("succeeded"))
                .body("amount", equalTo(333))
                .body("tax_amount", equalTo(63))
                .body("currency", equalTo("usd"))
                .body("order_id", equalTo(id))
                .body("reason", equalTo("customer_request"))
                .body("metadata", equalTo(Map.of("ticket", "T-1")))
                .body("revoke_benefits", equalTo(false))
                .body("dispute", equalTo(null))
                .extract().jsonPath().getMap("");
        assertThat(order(id)).containsEntry("status", "partially_refunded").containsEntry("refunded_amount", 333)
                .containsEntry("refunded_tax_amount", 63).containsEntry("refundable_amount", 667)
                .containsEntry("refundable_tax_amount", 127);

        refund(id, 667).statusCode(201).body("status", equalTo("succeeded")).body("tax_amount", equalTo(127));
        assertThat(order(id)).containsEntry("status", "refunded").containsEntry("refunded_amount", 1000)
                .containsEntry("refunded_tax_amount", 190).containsEntry("refundable_amount", 0)
                .containsEntry("refundable_tax_amount", 0);
        // Stripe refunded net plus tax: 3.96 then 7.94.
        List<Object> amounts = ((List<?>) stripeRefunds(id).get("data")).stream().map(r -> ((Map<?, ?>) r).get("amount")).map(Object.class::cast).toList();
        assertThat(amounts).containsExactlyInAnyOrder(396, 794);

        refund(id, 1).statusCode(403).body("error", equalTo("RefundedAlready"));
        assertThat(eventTypes()).containsExactly("refund.created", "order.updated", "order.refunded",
                "refund.created", "order.updated", "order.refunded");
        Map<String, Object> created = events().getFirst();
        assertThat(created.get("data")).isEqualTo(first);
    }

    @Test
    void aPendingRefundHoldsItsAmountUntilStripeSettlesIt() throws Exception {
        String id = (String) taxedPurchase("pm_card_pendingRefund").get("id");
        String refund = refund(id, 600).statusCode(201).body("status", equalTo("pending")).body("tax_amount", equalTo(114))
                .extract().path("id");
        assertThat(order(id)).containsEntry("status", "paid").containsEntry("refunded_amount", 0);
        // Only 400 are left while 600 are pending.
        refund(id, 401).statusCode(422).body("detail[0].msg", equalTo("Refund amount exceeds refundable amount"));

        String stripeRefund = jdbc.sql("SELECT stripe_refund_id FROM refunds WHERE id = CAST(:id AS uuid)").param("id", refund)
                .query(String.class).single();
        stripe().post("/_stripe/v1/test_helpers/refunds/" + stripeRefund + "/settle").then().statusCode(200)
                .body("status", equalTo("succeeded"));
        assertThat(eventually(() -> order(id).get("status"), "partially_refunded"::equals)).isEqualTo("partially_refunded");
        assertThat(order(id)).containsEntry("refunded_amount", 600).containsEntry("refunded_tax_amount", 114);
        as(tenant).queryParam("order_id", id).get("/v1/refunds/").then().statusCode(200)
                .body("items[0].status", equalTo("succeeded"));
        assertThat(eventTypes()).containsExactly("refund.created", "refund.updated", "order.updated", "order.refunded");
        assertThat(events().get(1)).extracting(e -> ((Map<?, ?>) e.get("data")).get("status")).isEqualTo("succeeded");
    }

    @Test
    void aRefundThatFailsAfterSucceedingTakesBackTheOrdersRefundedAmounts() throws Exception {
        String id = (String) taxedPurchase("pm_card_refundFail").get("id");
        String refund = refund(id, 1000).statusCode(201).body("status", equalTo("succeeded")).extract().path("id");
        assertThat(order(id)).containsEntry("status", "refunded").containsEntry("refunded_amount", 1000);

        String stripeRefund = jdbc.sql("SELECT stripe_refund_id FROM refunds WHERE id = CAST(:id AS uuid)").param("id", refund)
                .query(String.class).single();
        stripe().post("/_stripe/v1/test_helpers/refunds/" + stripeRefund + "/settle").then().statusCode(200)
                .body("status", equalTo("failed"));
        assertThat(eventually(() -> order(id).get("status"), "paid"::equals)).isEqualTo("paid");
        assertThat(order(id)).containsEntry("refunded_amount", 0).containsEntry("refunded_tax_amount", 0)
                .containsEntry("refundable_amount", 1000);
        as(tenant).get("/v1/refunds/").then().statusCode(200).body("items[0].status", equalTo("failed"));
        assertThat(eventTypes()).containsExactly("refund.created", "order.updated", "order.refunded", "refund.updated",
                "order.updated");
        // The money is back on the charge at Stripe: it can be refunded again.
        refund(id, 1000).statusCode(201).body("status", equalTo("succeeded"));
        assertThat(order(id)).containsEntry("status", "refunded");
    }
}
