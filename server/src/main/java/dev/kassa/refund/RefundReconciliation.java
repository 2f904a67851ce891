package dev.kassa.refund;

import dev.kassa.payment.RefundGateway;
import dev.kassa.payment.RefundGateway.RefundOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles every refund whose outcome Kassa has not seen, by looking it up at Stripe, never by guessing:
 * <ul>
 *   <li>Stripe's refund not known (the answer was lost, the node died): it is found among the PaymentIntent's
 *       refunds by its {@value RefundGateway#REFUND_METADATA_KEY} metadata; when there is none, the create is
 *       replayed with the refund's idempotency key, which returns the first call's refund or makes it now (so a
 *       refund the merchant was told is pending is made, never dropped);</li>
 *   <li>pending at Stripe: re-read every {@link RefundSettlement#RECHECK_PENDING}, in case its webhook is lost.</li>
 * </ul>
 * Only an explicit refusal means "not refunded". An outage leaves the refund as it is, retried with backoff up to
 * hourly. Safe on any number of nodes: refunds are leased with {@code FOR UPDATE SKIP LOCKED}, and no transaction
 * is open during a Stripe call.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class RefundReconciliation {

    private static final Logger log = LoggerFactory.getLogger(RefundReconciliation.class);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 20;
    private static final int MAX_PER_RUN = 500;

    private final RefundRepository refunds;
    private final RefundGateway gateway;
    private final RefundSettlement settlement;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RefundReconciliation(RefundRepository refunds, RefundGateway gateway, RefundSettlement settlement,
            TransactionTemplate transactions, Clock clock) {
        this.refunds = refunds;
        this.gateway = gateway;
        this.settlement = settlement;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kassa.refund-reconciliation-interval:PT15S}", initialDelayString = "PT12S")
    void run() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Refund reconciliation failed; retried at the next run", e);
        }
    }

    /** A {@code charge.refunded} event without its refunds asked for a look-up: one now, after its commit. */
    @TransactionalEventListener
    void lookUpRequested(RefundSettlement.LookUpRequested request) {
        Thread.ofVirtual().name("refund-look-up").start(this::run);
    }

    /** @return how many refunds it looked up with an answer */
    int reconcile() {
        int answered = 0;
        int seen = 0;
        while (seen < MAX_PER_RUN) {
            List<Refund> due = transactions.execute(status -> refunds.claimDue(BATCH, LEASE, clock.instant()));
            if (due == null || due.isEmpty()) {
                break;
            }
            seen += due.size();
            for (Refund refund : due) {
                try {
                    answered += reconcile(refund) ? 1 : 0;
                } catch (RuntimeException e) {
                    backOff(refund, e.toString());
                    log.error("Refund {} of order {} could not be looked up", refund.id(), refund.orderId(), e);
                }
            }
        }
        return answered;
    }

    private boolean reconcile(Refund refund) {
        if (refund.status() != RefundStatus.PENDING) {
            transactions.executeWithoutResult(status -> refunds.scheduleNext(refund.id(), null));
            return false;
        }
        RefundOutcome outcome = refund.stripeRefundId() != null ? gateway.retrieve(refund.stripeRefundId())
                : gateway.findByRefund(refund.stripePaymentIntentId(), refund.id());
        if (outcome instanceof RefundOutcome.NotFound) {
            log.info("Refund {} of order {}: no refund at Stripe, making it now with its key", refund.id(), refund.orderId());
            outcome = gateway.create(CreateRefund.request(refund), refund.idempotencyKey());
        }
        if (outcome instanceof RefundOutcome.Unknown unknown) {
            backOff(refund, unknown.reason());
            return false;
        }
        RefundOutcome answer = outcome;
        transactions.executeWithoutResult(status -> settlement.settle(refund.id(), answer, true));
        return true;
    }

    private void backOff(Refund refund, String reason) {
        long minutes = 1L << Math.min(refund.checks(), 6);
        Duration delay = Duration.ofMinutes(minutes).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofMinutes(minutes);
        Instant at = clock.instant().plus(delay);
        log.warn("Refund {} of order {} not settled ({}); looked up again at {}", refund.id(), refund.orderId(), reason, at);
        transactions.executeWithoutResult(status -> refunds.scheduleCheck(refund.id(), at, reason));
    }
}
