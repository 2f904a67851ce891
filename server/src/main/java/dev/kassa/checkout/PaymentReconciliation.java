package dev.kassa.checkout;

import dev.kassa.payment.stripe.IntentOutcome;
import dev.kassa.payment.stripe.PaymentAttempts;
import dev.kassa.payment.stripe.StripePayments;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles payments whose outcome Kassa could not see: an attempt still pending after a while (Stripe timed out,
 * or the node died after the call) is replayed with its idempotency key, which returns the intent Stripe made (or
 * makes it, if the first call never arrived); and a checkout confirmed long ago whose webhook never came is
 * checked against its intent. Either way the checkout ends succeeded or back to open: never confirmed forever.
 * Safe on any number of nodes: rows are claimed with {@code FOR UPDATE SKIP LOCKED}.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    /** Longer than any confirm's Stripe call can take (read timeout and client retries), so a live one is never replayed. */
    static final long PENDING_AFTER_SECONDS = 120;
    static final Duration CONFIRMED_TOO_LONG = Duration.ofMinutes(10);
    /** How long a buyer may take over 3-D Secure before the intent is canceled and the checkout reopened. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);

    private final PaymentAttempts attempts;
    private final StripePayments payments;
    private final CheckoutFulfilment fulfilment;
    private final CheckoutRepository checkouts;
    private final TransactionTemplate transactions;
    private final java.time.Clock clock;

    PaymentReconciliation(PaymentAttempts attempts, StripePayments payments, CheckoutFulfilment fulfilment,
            CheckoutRepository checkouts, TransactionTemplate transactions, java.time.Clock clock) {
        this.attempts = attempts;
        this.payments = payments;
        this.fulfilment = fulfilment;
        this.checkouts = checkouts;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kassa.payment-reconciliation-interval:PT15S}", initialDelayString = "PT10S")
    void run() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Payment reconciliation failed; retried at the next run", e);
        }
    }

    /** @return how many attempts and checkouts it settled */
    int reconcile() {
        int settled = 0;
        java.util.Set<UUID> failed = new java.util.HashSet<>();
        while (true) {
            UUID[] claimed = new UUID[1];
            Integer done;
            try {
                done = transactions.execute(status -> {
                    List<PaymentAttempts.Attempt> stale = attempts.claimStalePending(PENDING_AFTER_SECONDS, 1);
                    if (stale.isEmpty() || failed.contains(stale.getFirst().id())) {
                        return null;
                    }
                    PaymentAttempts.Attempt attempt = stale.getFirst();
                    claimed[0] = attempt.id();
                    return settle(attempt, payments.createIntent(attempt.request(), attempt.idempotencyKey())) ? 1 : 0;
                });
            } catch (RuntimeException e) {
                if (claimed[0] == null) {
                    throw e;
                }
                // One attempt that cannot be settled must not block the others: it waits for the next runs.
                log.error("Payment attempt {} could not be settled; retried later", claimed[0], e);
                failed.add(claimed[0]);
                UUID id = claimed[0];
                transactions.executeWithoutResult(status -> attempts.touch(id));
                continue;
            }
            if (done == null) {
                break;
            }
            settled += done;
        }
        for (UUID checkoutId : checkouts.confirmedBefore(clock.instant().minus(CONFIRMED_TOO_LONG), 100)) {
            Boolean done = transactions.execute(status -> {
                boolean result = attempts.latestOf(checkoutId)
                        .filter(a -> a.intentId() != null)
                        .map(a -> settle(a, currentState(a)))
                        .orElse(false);
                // Checked now: it goes to the back of the queue, so that checkouts still waiting (an abandoned 3-D
                // Secure step) do not hide newer ones.
                checkouts.touchIfConfirmed(checkoutId, clock.instant());
                return result;
            });
            settled += Boolean.TRUE.equals(done) ? 1 : 0;
        }
        return settled;
    }

    /**
     * The intent of a checkout confirmed long ago. One still waiting for the buyer (3-D Secure) after
     * {@link #ABANDONED_AFTER} is canceled, so that the checkout goes back to open instead of staying confirmed.
     */
    private IntentOutcome currentState(PaymentAttempts.Attempt attempt) {
        IntentOutcome outcome = payments.retrieve(attempt.request().kind(), attempt.intentId());
        boolean waitingForBuyer = outcome instanceof IntentOutcome.Created created
                && ("requires_action".equals(created.status()) || "requires_confirmation".equals(created.status()));
        if (waitingForBuyer && attempt.createdAt().isBefore(clock.instant().minus(ABANDONED_AFTER))) {
            log.info("Checkout {}: intent {} abandoned in 3-D Secure; canceling it", attempt.checkoutId(), attempt.intentId());
            return payments.cancelAbandoned(attempt.request().kind(), attempt.intentId());
        }
        return outcome;
    }

    /**
     * Applies what Stripe says about an attempt; false when Stripe still cannot tell (retried later). Only the
     * checkout's latest attempt moves the checkout; an earlier one is just recorded.
     */
    private boolean settle(PaymentAttempts.Attempt attempt, IntentOutcome outcome) {
        boolean latest = attempts.latestOf(attempt.checkoutId()).map(a -> a.id().equals(attempt.id())).orElse(false);
        if (!latest) {
            switch (outcome) {
                case IntentOutcome.Unknown unknown -> attempts.touch(attempt.id());
                case IntentOutcome.Declined declined -> attempts.markDeclinedInCurrentTransaction(attempt.id());
                case IntentOutcome.Created created -> {
                    attempts.markCreated(attempt.id(), created.intentId());
                    if (created.succeeded()) {
                        log.error("Checkout {}: earlier attempt {} was charged (intent {}); refund it by hand",
                                attempt.checkoutId(), attempt.id(), created.intentId());
                    }
                }
            }
            return !(outcome instanceof IntentOutcome.Unknown);
        }
        switch (outcome) {
            case IntentOutcome.Unknown unknown -> {
                attempts.touch(attempt.id());
                return false;
            }
            case IntentOutcome.Declined declined -> {
                attempts.markDeclinedInCurrentTransaction(attempt.id());
                fulfilment.fail(attempt.checkoutId(), null);
                return true;
            }
            case IntentOutcome.Created created -> {
                attempts.markCreated(attempt.id(), created.intentId());
                if (created.succeeded()) {
                    fulfilment.confirmIfOpen(attempt.checkoutId());
                    fulfilment.succeed(attempt.checkoutId(), created.intentId());
                } else if (created.failed()) {
                    fulfilment.fail(attempt.checkoutId(), created.intentId());
                }
                return true;
            }
        }
    }
}
