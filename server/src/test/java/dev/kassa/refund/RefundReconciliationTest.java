package dev.kassa.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.stripe.net.Webhook;
import dev.kassa.payment.RefundGateway;
import dev.kassa.payment.stripe.StripeAccess;
import dev.kassa.refund.RefundRequests.RefundCreate;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Refunds whose outcome Kassa did not hear: settled by looking them up at Stripe, never by guessing. */
class RefundReconciliationTest extends RefundTestSupport {

    @Autowired
    CreateRefund createRefund;
    @Autowired
    RefundReconciliation reconciliation;
    @Autowired
    RefundGateway gateway;
    @Autowired
    TransactionTemplate transactions;
    @Autowired
    StripeAccess stripeAccess;

    private RequestSpecification stripe() {
        return RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "");
    }

    @AfterEach
    void clearFaults() {
        stripe().delete("/_stripe/v1/test_helpers/emulator/faults").then().statusCode(200);
    }

    private String intentOf(String orderId) {
        return jdbc.sql("SELECT stripe_payment_intent_id FROM orders WHERE id = CAST(:id AS uuid)").param("id", orderId)
                .query(String.class).single();
    }

    private List<Map<String, Object>> refundsAtStripe(String orderId) {
        return stripe().queryParam("payment_intent", intentOf(orderId)).get("/_stripe/v1/refunds").then().statusCode(200)
                .extract().jsonPath().getList("data");
    }

    private Refund stored(UUID id) {
        return jdbc.sql("SELECT status, stripe_refund_id, next_check_at, last_error FROM refunds WHERE id = :id").param("id", id)
                .query((rs, n) -> new Refund(id, null, null, null, null, RefundStatus.fromWireName(rs.getString("status")), null,
                        0, 0, null, null, false, Map.of(), null, null, rs.getString("stripe_refund_id"), null, null,
                        rs.getTimestamp("next_check_at") == null ? null : rs.getTimestamp("next_check_at").toInstant(), 0,
                        rs.getString("last_error"), Instant.EPOCH, null)).single();
    }

    private void dueNow(UUID refundId) {
        jdbc.sql("UPDATE refunds SET next_check_at = now() WHERE id = :id").param("id", refundId).update();
    }

    @Test
    void aRefundMadeAtStripeWhoseAnswerAndWebhooksWereLostIsFoundByItsTag() {
        String order = paidOrder(1000);
        long net = ((Number) order(order).get("net_amount")).longValue();
        stripe().formParam("type", "lost_webhooks").formParam("count", 2).post("/_stripe/v1/test_helpers/emulator/faults")
                .then().statusCode(200);
        // The node made the Stripe call and died before recording its answer.
        Refund refund = transactions.execute(s -> createRefund.reserve(tenant.organizationId(),
                new RefundCreate(UUID.fromString(order), "other", net, null, false, Map.of())));
        var made = gateway.create(CreateRefund.request(refund), refund.idempotencyKey());
        assertThat(made).isInstanceOf(RefundGateway.RefundOutcome.Created.class);
        // A replay under the refund's key returns Stripe's first refund.
        assertThat(((RefundGateway.RefundOutcome.Created) gateway.create(CreateRefund.request(refund), refund.idempotencyKey()))
                .refundId()).isEqualTo(((RefundGateway.RefundOutcome.Created) made).refundId());
        assertThat(stored(refund.id()).status()).isEqualTo(RefundStatus.PENDING);

        dueNow(refund.id());
        reconciliation.reconcile();

        assertThat(stored(refund.id()).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(stored(refund.id()).nextCheckAt()).isNull();
        assertThat(refundsAtStripe(order)).hasSize(1);
        assertThat(order(order)).containsEntry("status", "refunded").containsEntry("refunded_amount", (int) net);
        assertThat(eventTypes()).containsExactly("refund.created", "order.updated", "order.refunded");
    }

    @Test
    void anUnknownOutcomeIsAnsweredPendingThenMadeWithItsKeyWhenStripeHasNoSuchRefund() {
        String order = paidOrder(1000);
        stripe().formParam("method", "POST").formParam("path_prefix", "/v1/refunds").formParam("status", 500)
                .post("/_stripe/v1/test_helpers/emulator/faults").then().statusCode(200);
        String id = refund(order, 400).statusCode(201).body("status", equalTo("pending")).extract().path("id");
        assertThat(refundsAtStripe(order)).isEmpty();
        assertThat(eventTypes()).isEmpty();

        reconciliation.reconcile();

        assertThat(stored(UUID.fromString(id)).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(refundsAtStripe(order)).hasSize(1);
        assertThat(refundsAtStripe(order).getFirst().get("metadata")).isEqualTo(Map.of(RefundGateway.REFUND_METADATA_KEY, id,
                "kassa_order_id", order, "refund_amount", "400", "refund_tax_amount",
                String.valueOf(jdbcTax(id))));
        assertThat(order(order)).containsEntry("status", "partially_refunded").containsEntry("refunded_amount", 400);
        assertThat(eventTypes()).containsExactly("refund.created", "order.updated", "order.refunded");
    }

    private long jdbcTax(String refundId) {
        return jdbc.sql("SELECT tax_amount FROM refunds WHERE id = CAST(:id AS uuid)").param("id", refundId).query(Long.class).single();
    }

    @Test
    void whileStripeIsDownTheRefundStaysPendingHoldingItsAmountAndIsLookedUpLater() {
        String order = paidOrder(1000);
        long net = ((Number) order(order).get("net_amount")).longValue();
        stripe().formParam("path_prefix", "/v1/refunds").formParam("status", 500).formParam("count", 5)
                .post("/_stripe/v1/test_helpers/emulator/faults").then().statusCode(200);
        String id = refund(order, net).statusCode(201).body("status", equalTo("pending")).extract().path("id");

        reconciliation.reconcile();

        Refund after = stored(UUID.fromString(id));
        assertThat(after.status()).isEqualTo(RefundStatus.PENDING);
        assertThat(after.nextCheckAt()).isAfter(Instant.now());
        assertThat(after.lastError()).contains("HTTP 500");
        refund(order, 1).statusCode(422).body("detail[0].msg", equalTo("Refund amount exceeds refundable amount"));
        assertThat(order(order)).containsEntry("status", "paid").containsEntry("refunded_amount", 0);
    }

    @Test
    void aPendingRefundStripeRefusesOnItsLookUpFailsInsteadOfVanishing() {
        String order = paidOrder(1000);
        stripe().formParam("method", "POST").formParam("path_prefix", "/v1/refunds").formParam("status", 500)
                .post("/_stripe/v1/test_helpers/emulator/faults").then().statusCode(200);
        String id = refund(order, 400).statusCode(201).body("status", equalTo("pending")).extract().path("id");
        // Meanwhile the whole charge is refunded from the Dashboard.
        stripe().formParam("payment_intent", intentOf(order)).post("/_stripe/v1/refunds").then().statusCode(200);

        reconciliation.reconcile();

        Refund after = stored(UUID.fromString(id));
        assertThat(after.status()).isEqualTo(RefundStatus.FAILED);
        assertThat(after.nextCheckAt()).isNull();
        assertThat(refundsAtStripe(order)).hasSize(1);
        assertThat(order(order)).containsEntry("status", "paid").containsEntry("refunded_amount", 0);
        assertThat(eventTypes()).containsExactly("refund.updated");
        as(tenant).get("/v1/refunds/").then().body("items[0].status", equalTo("failed"));
    }

    @Test
    void nodesLookingUpAtOnceTakeEachRefundOnceAndRefundEachOrderOnce() throws Exception {
        int orders = 12;
        List<String> orderIds = new java.util.ArrayList<>();
        for (int i = 0; i < orders; i++) {
            orderIds.add(paidOrder(1000));
        }
        // More faults than refunds: the scheduled run may look up the first refunds while the last ones are made.
        stripe().formParam("method", "POST").formParam("path_prefix", "/v1/refunds").formParam("status", 500)
                .formParam("count", 1000).post("/_stripe/v1/test_helpers/emulator/faults").then().statusCode(200);
        for (String order : orderIds) {
            refund(order, 100).statusCode(201).body("status", equalTo("pending"));
        }
        clearFaults();
        jdbc.sql("UPDATE refunds SET next_check_at = now(), checks = 0 WHERE organization_id = :org")
                .param("org", tenant.organizationId()).update();
        // Four nodes' jobs at once (the scheduled run may join them).
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> runs = new java.util.ArrayList<>();
        for (int i = 0; i < 4; i++) {
            runs.add(pool.submit(() -> {
                start.await();
                return reconciliation.reconcile();
            }));
        }
        start.countDown();
        int answered = 0;
        for (var run : runs) {
            answered += run.get();
        }
        pool.shutdown();

        assertThat(answered).isLessThanOrEqualTo(orders);
        for (String order : orderIds) {
            assertThat(refundsAtStripe(order)).hasSize(1);
            assertThat(order(order)).containsEntry("status", "partially_refunded").containsEntry("refunded_amount", 100);
        }
        assertThat(jdbc.sql("SELECT checks FROM refunds WHERE organization_id = :org").param("org", tenant.organizationId())
                .query(Integer.class).list()).hasSize(orders).containsOnly(1);
    }

    @Test
    void aRefundKassaDidNotMakeIsIgnored() throws Exception {
        String order = paidOrder(1000);
        String stripeRefund = stripe().formParam("payment_intent", intentOf(order)).formParam("amount", 100)
                .post("/_stripe/v1/refunds").then().statusCode(200).extract().path("id");
        assertThat(eventually(() -> jdbc.sql("SELECT count(*) FROM stripe_events WHERE object_id = :id AND processed_at IS NOT NULL")
                .param("id", stripeRefund).query(Long.class).single(), n -> n > 0)).isPositive();
        assertThat(jdbc.sql("SELECT count(*) FROM refunds WHERE order_id = CAST(:id AS uuid)").param("id", order)
                .query(Long.class).single()).isZero();
        assertThat(order(order)).containsEntry("status", "paid").containsEntry("refunded_amount", 0);
    }

    @Test
    void aLateOrRepeatedEventNeverMovesARefundBack() throws Exception {
        String order = paidOrder(1000);
        String id = refund(order, 500).statusCode(201).body("status", equalTo("succeeded")).extract().path("id");
        String stripeRefund = stored(UUID.fromString(id)).stripeRefundId();
        int before = eventTypes().size();

        for (String status : List.of("pending", "succeeded")) {
            String payload = """
                    {"id": "evt_late_%s", "object": "event", "type": "refund.updated", "data": {"object":
                     {"id": "%s", "object": "refund", "status": "%s", "amount": 500, "metadata": {"kassa_refund_id": "%s"}}}}
                    """.formatted(UUID.randomUUID(), stripeRefund, status, id);
            anonymous().header("Stripe-Signature", Webhook.Signature.generateSignatureHeader(payload, stripeAccess.webhookSecret()))
                    .body(payload).post("/v1/integrations/stripe/webhook").then().statusCode(200);
        }

        assertThat(stored(UUID.fromString(id)).status()).isEqualTo(RefundStatus.SUCCEEDED);
        assertThat(order(order)).containsEntry("status", "partially_refunded").containsEntry("refunded_amount", 500);
        assertThat(eventTypes()).hasSize(before);
    }
}
