package dev.kassa.refund;

import dev.kassa.order.Order;
import dev.kassa.order.OrderService;
import dev.kassa.payment.RefundGateway;
import dev.kassa.payment.RefundGateway.RefundOutcome;
import dev.kassa.payment.RefundGateway.RefundRequest;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.refund.RefundRepository.Reserved;
import dev.kassa.refund.RefundRequests.RefundCreate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /v1/refunds/} as a durable state machine, in three steps with no transaction across the Stripe call:
 * <ol>
 *   <li>a short transaction locks the order, checks the amount against what is refunded plus what its pending
 *       refunds reserve, and records the refund {@code pending} with its idempotency key;</li>
 *   <li>Stripe's refund is created with that key, outside any transaction;</li>
 *   <li>a second short transaction records the outcome ({@link RefundSettlement}).</li>
 * </ol>
 * So two concurrent refunds can never exceed the order: the second waits for the first's lock and sees its
 * reservation. An unknown outcome (timeout, 5xx) leaves the refund pending, answered as such, for
 * {@link RefundReconciliation} to look up.
 */
@Service
class CreateRefund {

    private final OrderService orders;
    private final RefundRepository refunds;
    private final RefundService service;
    private final RefundSettlement settlement;
    private final RefundGateway gateway;
    private final TransactionTemplate transactions;
    private final Clock clock;
    /**
     * How long a pending refund is left to the request that made it before the reconciliation may look it up
     * ({@code kassa.refunds.pending-grace}): longer than stripe-java's retries of one call can take.
     */
    private final Duration pendingGrace;

    CreateRefund(OrderService orders, RefundRepository refunds, RefundService service, RefundSettlement settlement,
            RefundGateway gateway, TransactionTemplate transactions, Clock clock,
            @Value("${kassa.refunds.pending-grace:PT2M}") Duration pendingGrace) {
        this.orders = orders;
        this.refunds = refunds;
        this.service = service;
        this.settlement = settlement;
        this.gateway = gateway;
        this.transactions = transactions;
        this.clock = clock;
        this.pendingGrace = pendingGrace;
    }

    dev.kassa.refund.schemas.Refund create(UUID organizationId, RefundCreate command) {
        Refund refund = transactions.execute(status -> reserve(organizationId, command));
        RefundOutcome outcome = gateway.create(request(refund), refund.idempotencyKey());
        Optional<Refund> after = transactions.execute(status -> {
            Optional<Refund> settled = settlement.settle(refund.id(), outcome);
            if (outcome instanceof RefundOutcome.Unknown unknown) {
                // The call is over: a look-up may run at once.
                refunds.scheduleCheck(refund.id(), now(), unknown.reason());
            }
            return settled;
        });
        if (after == null || after.isEmpty()) {
            throw declined(command.orderId(), outcome);
        }
        return service.get(organizationId, refund.id());
    }

    /**
     * Step 1, in the caller's transaction: Polar's checks in Polar's order, then the pending refund with its
     * reservation. The order's lock serializes the refunds of one order until the commit.
     */
    Refund reserve(UUID organizationId, RefundCreate command) {
        Order order = orders.lockForRefund(organizationId, command.orderId()).orElseThrow(() -> RequestValidationError.service(
                "value_error", List.of("body", "order_id"), "Order not found", command.orderId().toString()));
        if ("refunded".equals(order.status())) {
            throw new RefundedAlready(order.id());
        }
        if (command.revokeBenefits() && order.subscriptionId() != null) {
            throw new RevokeSubscriptionBenefitsProhibited();
        }
        Reserved reserved = refunds.reserved(order.id());
        long refundable = Math.max(0, order.netAmount() - order.refundedAmount() - reserved.amount());
        long refundableTax = Math.max(0, order.taxAmount() - order.refundedTaxAmount() - reserved.taxAmount());
        if (command.amount() > refundable) {
            throw RequestValidationError.service("value_error", List.of("body", "amount"),
                    "Refund amount exceeds refundable amount", command.amount());
        }
        if (!List.of("paid", "partially_refunded").contains(order.status()) || order.stripePaymentIntentId() == null) {
            throw new RefundUnknownPayment(order.id());
        }
        long tax = RefundAmounts.taxOf(order.netAmount(), order.taxAmount(), refundable, refundableTax, command.amount());
        UUID id = UUID.randomUUID();
        Instant now = now();
        Refund refund = new Refund(id, organizationId, order.id(), order.subscriptionId(), order.customerId(),
                RefundStatus.PENDING, command.reason(), command.amount(), tax, order.currency(), command.comment(),
                command.revokeBenefits(), command.metadata(), "kassa_refund_" + id, order.stripePaymentIntentId(), null, null,
                null, now.plus(pendingGrace), 0, null, now, null);
        refunds.insert(refund);
        return refund;
    }

    /**
     * What Stripe is asked, rebuilt from the stored refund alone so that a replay under the same key sends the same
     * parameters. Polar's reason mapping: only {@code duplicate} is passed on, the rest is {@code requested_by_customer}
     * (Kassa does not tag charges fraudulent at Stripe on the merchant's word).
     */
    static RefundRequest request(Refund refund) {
        return new RefundRequest(refund.stripePaymentIntentId(), refund.totalAmount(),
                "duplicate".equals(refund.reason()) ? "duplicate" : "requested_by_customer",
                Map.of(RefundGateway.REFUND_METADATA_KEY, refund.id().toString(),
                        "kassa_order_id", refund.orderId().toString(),
                        "refund_amount", Long.toString(refund.amount()),
                        "refund_tax_amount", Long.toString(refund.taxAmount())));
    }

    /** Polar's errors for Stripe's refusals; the refund was not recorded. */
    private static RuntimeException declined(UUID orderId, RefundOutcome outcome) {
        if (outcome instanceof RefundOutcome.Declined declined) {
            if ("charge_already_refunded".equals(declined.code())) {
                return new RefundedAlready(orderId);
            }
            if ("charge_disputed".equals(declined.code())) {
                return new RefundDisputedPayment(orderId);
            }
            return new RefundError("The payment processor refused the refund: " + declined.message());
        }
        return new IllegalStateException("refund vanished without a decline: " + outcome);
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
