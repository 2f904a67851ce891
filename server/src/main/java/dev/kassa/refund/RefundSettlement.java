package dev.kassa.refund;

import dev.kassa.platform.metrics.Metrics;
import dev.kassa.order.OrderService;
import dev.kassa.payment.PaymentEvent;
import dev.kassa.payment.PaymentEventHandler;
import dev.kassa.payment.RefundGateway;
import dev.kassa.payment.RefundGateway.RefundOutcome;
import dev.kassa.webhook.WebhookEventType;
import dev.kassa.webhook.WebhookEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

/**
 * What Stripe says of a refund does to it and to its order, whoever learns it first: the request that made the call,
 * a Stripe webhook, or the reconciliation's look-up. Every path locks the order, then the refund, and applies only a
 * forward move of the refund's status ({@link RefundStatus#mayBecome}), so the same news learned twice, or late,
 * does nothing:
 * <ul>
 *   <li>first known at Stripe: {@code refund.created};</li>
 *   <li>any later change of status: {@code refund.updated};</li>
 *   <li>to succeeded: the order's refunded amounts and status ({@code order.updated}, {@code order.refunded});</li>
 *   <li>from succeeded to failed or canceled: the order's refunded amounts taken back ({@code order.updated});</li>
 *   <li>from pending to failed or canceled: its reservation is freed (it no longer counts);</li>
 *   <li>declined before Stripe made a refund: the row is deleted, as Polar records no refund then (or, when the
 *       merchant was already answered {@code pending}, it fails).</li>
 * </ul>
 */
@Component
class RefundSettlement implements PaymentEventHandler {

    private static final Logger log = LoggerFactory.getLogger(RefundSettlement.class);
    /** Counter {@code kassa_refunds_total{outcome}}: the status a refund moved to (pending, succeeded, failed, canceled), or declined. */
    static final String REFUNDS = "kassa.refunds";
    /** How often a refund still pending at Stripe is looked at, in case its webhook is lost. */
    static final Duration RECHECK_PENDING = Duration.ofMinutes(10);
    private static final List<String> REFUND_EVENTS = List.of("refund.created", "refund.updated", "refund.failed",
            "charge.refund.updated");

    private final RefundRepository refunds;
    private final RefundService service;
    private final OrderService orders;
    private final WebhookEvents webhooks;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final Metrics metrics;

    RefundSettlement(RefundRepository refunds, RefundService service, OrderService orders, WebhookEvents webhooks,
            ApplicationEventPublisher events, Clock clock, Metrics metrics) {
        this.metrics = metrics;
        this.refunds = refunds;
        this.service = service;
        this.orders = orders;
        this.webhooks = webhooks;
        this.events = events;
        this.clock = clock;
    }

    /** Asks the reconciliation for a look-up once the transaction commits. */
    record LookUpRequested() {
    }

    @Override
    public Outcome handle(PaymentEvent event) {
        if (REFUND_EVENTS.contains(event.type())) {
            refundOf(event.object()).ifPresent(refund -> settle(refund.id(), created(event.object())));
            return Outcome.DONE;
        }
        if ("charge.refunded".equals(event.type())) {
            chargeRefunded(event.object());
        }
        return Outcome.DONE;
    }

    /**
     * A charge's refunds changed. Its {@code refunds} list, when the event carries it, says what; without it (Stripe
     * no longer expands it) the charge's unsettled Kassa refunds are looked up at once.
     */
    private void chargeRefunded(Map<String, Object> charge) {
        String paymentIntent = Objects.toString(charge.get("payment_intent"), null);
        if (charge.get("refunds") instanceof Map<?, ?> list && list.get("data") instanceof List<?> data && !data.isEmpty()) {
            for (Object item : data) {
                if (item instanceof Map<?, ?> map) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> refund = (Map<String, Object>) map;
                    refundOf(refund).ifPresent(r -> settle(r.id(), created(refund)));
                }
            }
            return;
        }
        if (paymentIntent != null && refunds.checkSoon(paymentIntent, now()) > 0) {
            events.publishEvent(new LookUpRequested());
        }
    }

    /** The Kassa refund a Stripe refund object is about: by its metadata tag, else by its id. */
    private Optional<Refund> refundOf(Map<String, Object> stripeRefund) {
        String stripeId = Objects.toString(stripeRefund.get("id"), null);
        Object tag = stripeRefund.get("metadata") instanceof Map<?, ?> metadata ? metadata.get(RefundGateway.REFUND_METADATA_KEY) : null;
        Optional<Refund> refund = Optional.empty();
        if (tag != null) {
            try {
                refund = refunds.findById(UUID.fromString(tag.toString()));
            } catch (IllegalArgumentException e) {
                return Optional.empty();
            }
        }
        if (refund.isEmpty() && stripeId != null) {
            refund = refunds.findByStripeRefundId(stripeId);
        }
        if (refund.isPresent() && refund.get().stripeRefundId() != null && !refund.get().stripeRefundId().equals(stripeId)) {
            log.warn("Stripe refund {} names Kassa refund {}, which is Stripe refund {}: ignored", stripeId, refund.get().id(),
                    refund.get().stripeRefundId());
            return Optional.empty();
        }
        return refund;
    }

    private static RefundOutcome created(Map<String, Object> object) {
        Object amount = object.get("amount");
        @SuppressWarnings("unchecked")
        Map<String, String> metadata = object.get("metadata") instanceof Map<?, ?> m ? (Map<String, String>) m : Map.of();
        return new RefundOutcome.Created(Objects.toString(object.get("id"), null), Objects.toString(object.get("status"), null),
                amount instanceof Number n ? n.longValue() : 0, Objects.toString(object.get("failure_reason"), null), metadata);
    }

    /** As {@link #settle(UUID, RefundOutcome, boolean)} for a refund whose creator is still waiting for the answer. */
    @Transactional
    public Optional<Refund> settle(UUID refundId, RefundOutcome outcome) {
        return settle(refundId, outcome, false);
    }

    /**
     * Applies what Stripe said of the refund {@code refundId}; returns it as it now is (empty when a decline deleted
     * it or it never existed). An unknown answer or a look-up that found nothing changes nothing. A decline of a
     * refund Stripe never made deletes it, unless {@code answered} (the merchant was told it is pending): then it
     * fails.
     */
    @Transactional
    public Optional<Refund> settle(UUID refundId, RefundOutcome outcome, boolean answered) {
        Optional<Refund> known = refunds.findById(refundId);
        if (known.isEmpty()) {
            return known;
        }
        orders.lockForRefund(known.get().organizationId(), known.get().orderId());
        Refund refund = refunds.lock(refundId).orElseThrow();
        switch (outcome) {
            case RefundOutcome.Created created -> apply(refund, created);
            case RefundOutcome.Declined declined -> {
                if (refund.stripeRefundId() != null || refund.status() != RefundStatus.PENDING) {
                    // Stripe made this refund already: a declined replay says nothing about it.
                    return Optional.of(refund);
                }
                if (answered) {
                    declinedAfterAnswer(refund, declined);
                    return refunds.findById(refundId);
                }
                log.info("Refund {} of order {} declined by Stripe ({}: {}); nothing was refunded", refund.id(),
                        refund.orderId(), declined.code(), declined.message());
                refunds.delete(refund.id());
                metrics.count(REFUNDS, "outcome", "declined");
                return Optional.empty();
            }
            case RefundOutcome.NotFound notFound -> {
            }
            case RefundOutcome.Unknown unknown -> {
            }
        }
        return refunds.findById(refundId);
    }

    private void apply(Refund refund, RefundOutcome.Created created) {
        if (created.refundId() == null) {
            return;
        }
        if (refund.stripeRefundId() != null && !refund.stripeRefundId().equals(created.refundId())) {
            log.warn("Refund {} is Stripe refund {}, not {}: ignored", refund.id(), refund.stripeRefundId(), created.refundId());
            return;
        }
        if (created.amount() != refund.totalAmount()) {
            log.warn("Refund {}: Stripe refund {} is of {} while {} was asked", refund.id(), created.refundId(),
                    created.amount(), refund.totalAmount());
        }
        boolean firstKnown = refund.stripeRefundId() == null;
        RefundStatus next = RefundStatus.fromStripe(created.status());
        boolean moves = refund.status().mayBecome(next);
        RefundStatus status = moves ? next : refund.status();
        Instant now = now();
        // A pending refund is looked at again later in case its webhook is lost; any other needs no look-up.
        Instant nextCheck = status == RefundStatus.PENDING ? now.plus(RECHECK_PENDING) : null;
        if (!firstKnown && !moves) {
            refunds.scheduleNext(refund.id(), nextCheck);
            return;
        }
        refunds.recordStripe(refund.id(), status, created.refundId(), moves || firstKnown ? created.status() : refund.stripeStatus(),
                created.failureReason(), nextCheck, now);
        UUID organizationId = refund.organizationId();
        webhooks.record(organizationId, firstKnown ? WebhookEventType.REFUND_CREATED : WebhookEventType.REFUND_UPDATED,
                refund.id(), () -> service.get(organizationId, refund.id()));
        if (!moves) {
            return;
        }
        metrics.count(REFUNDS, "outcome", status.wireName());
        if (status == RefundStatus.SUCCEEDED) {
            orders.recordRefund(organizationId, refund.orderId(), refund.amount(), refund.taxAmount());
        } else if (refund.status() == RefundStatus.SUCCEEDED && status.isFinal()) {
            log.warn("Refund {} of order {} succeeded, then {} at Stripe ({}): the order's refunded amounts are taken back",
                    refund.id(), refund.orderId(), status.wireName(), created.failureReason());
            orders.recordRefund(organizationId, refund.orderId(), -refund.amount(), -refund.taxAmount());
        }
    }

    /**
     * Stripe declined a refund the merchant was already told is pending (a replay by the reconciliation): it is
     * recorded {@code failed}, with {@code refund.updated}, instead of vanishing.
     */
    private void declinedAfterAnswer(Refund refund, RefundOutcome.Declined declined) {
        log.warn("Refund {} of order {} declined by Stripe on its look-up ({}: {}); nothing was refunded", refund.id(),
                refund.orderId(), declined.code(), declined.message());
        refunds.recordStripe(refund.id(), RefundStatus.FAILED, null, null,
                declined.code() == null ? "declined" : declined.code(), null, now());
        metrics.count(REFUNDS, "outcome", "declined");
        webhooks.record(refund.organizationId(), WebhookEventType.REFUND_UPDATED, refund.id(),
                () -> service.get(refund.organizationId(), refund.id()));
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
