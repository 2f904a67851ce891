package dev.kassa.checkout;

import dev.kassa.payment.IntentOutcome;
import dev.kassa.payment.PaymentAttempt;
import dev.kassa.payment.PaymentAttempts;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.payment.PaymentGateway.CustomerOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles every payment attempt whose outcome Kassa did not see, by looking it up at Stripe, never by guessing:
 * <ul>
 *   <li>pending (the answer was lost, the node died): the intent is found by the attempt's metadata among the
 *       customer's intents (or by Stripe Search); when there is none and the idempotency key is certainly still
 *       remembered by Stripe ({@link #REPLAY_WINDOW}), the call is replayed with its key, which returns the first
 *       call's intent or makes it now; past that window it goes to the operator;</li>
 *   <li>created (processing, 3-D Secure): re-read every {@link PaymentAttempts#RECHECK_CREATED}; an intent still
 *       waiting for the buyer after {@link #ABANDONED_AFTER} is canceled, which reopens its checkout;</li>
 *   <li>succeeded but not fulfilled (a crash after the charge was recorded): fulfilled.</li>
 * </ul>
 * Only a decline or a failed intent means "not charged". An outage, a 401/403/404 or an idempotency conflict leaves
 * the attempt as it is, logged, and retried with backoff; after {@link #FLAG_AFTER_CHECKS} checks it is flagged for
 * the operator ({@code ./kassa admin payment-attempts}) and still retried hourly. Safe on any number of nodes:
 * attempts are leased with {@code FOR UPDATE SKIP LOCKED}, and no transaction is open during a Stripe call.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class PaymentReconciliation {

    private static final Logger log = LoggerFactory.getLogger(PaymentReconciliation.class);
    /** Stripe keeps idempotency keys for 24 hours; a replay is only trusted well inside that. */
    static final Duration REPLAY_WINDOW = Duration.ofHours(12);
    /** How long a buyer may take over 3-D Secure before the intent is canceled and the checkout reopened. */
    static final Duration ABANDONED_AFTER = Duration.ofHours(1);
    /** Long enough for every look-up of a batch; a node that dies mid-batch lets it run out. */
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int FLAG_AFTER_CHECKS = 8;
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 20;
    private static final int MAX_PER_RUN = 500;

    private final PaymentAttempts attempts;
    private final PaymentGateway gateway;
    private final CheckoutSettlement settlement;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PaymentReconciliation(PaymentAttempts attempts, PaymentGateway gateway, CheckoutSettlement settlement,
            TransactionTemplate transactions, Clock clock) {
        this.attempts = attempts;
        this.gateway = gateway;
        this.settlement = settlement;
        this.transactions = transactions;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kassa.payment-reconciliation-interval:PT15S}", initialDelayString = "${kassa.payment-reconciliation-initial-delay:PT10S}")
    void run() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            log.warn("Payment reconciliation failed; retried at the next run", e);
        }
    }

    /**
     * A failure event asked for a look-up (see {@link CheckoutSettlement}): run one now, after its transaction
     * committed, instead of at the next scheduled run.
     */
    @org.springframework.transaction.event.TransactionalEventListener
    void lookUpRequested(CheckoutSettlement.LookUpRequested request) {
        Thread.ofVirtual().name("payment-look-up").start(this::run);
    }

    /** @return how many attempts it settled (resolved or fulfilled) */
    int reconcile() {
        int settled = 0;
        int seen = 0;
        while (seen < MAX_PER_RUN) {
            List<PaymentAttempt> due = transactions.execute(status -> attempts.claimDue(BATCH, LEASE));
            if (due == null || due.isEmpty()) {
                break;
            }
            seen += due.size();
            for (PaymentAttempt attempt : due) {
                try {
                    settled += reconcile(attempt) ? 1 : 0;
                } catch (RuntimeException e) {
                    // One attempt that cannot be settled must not block the others.
                    notSettled(attempt, e.toString());
                    log.error("Payment attempt {} of checkout {} could not be settled", attempt.id(), attempt.checkoutId(), e);
                }
            }
        }
        return settled;
    }

    private boolean reconcile(PaymentAttempt attempt) {
        if (attempt.status() == PaymentAttempt.Status.FAILED || attempt.status() == PaymentAttempt.Status.DECLINED) {
            return false;
        }
        IntentOutcome outcome = attempt.status() == PaymentAttempt.Status.SUCCEEDED
                ? new IntentOutcome.Unknown("fulfilment only") : finalOutcomeAtStripe(attempt);
        if (attempt.status() != PaymentAttempt.Status.SUCCEEDED && !(outcome instanceof IntentOutcome.Created)
                && !(outcome instanceof IntentOutcome.Declined)) {
            notSettled(attempt, describe(outcome));
            return false;
        }
        PaymentAttempt after = transactions.execute(status -> settlement.settle(attempt, outcome, "the reconciliation's look-up"));
        return after != null && (after.status().resolved() && !after.awaitsFulfilment());
    }

    /**
     * What Stripe says of an unresolved attempt. An intent refused (3-D Secure failed) but still confirmable with its
     * client secret is canceled first, so that no second payment can ride on it once the checkout reopens; if it
     * succeeded meanwhile, that is what counts.
     */
    private IntentOutcome finalOutcomeAtStripe(PaymentAttempt attempt) {
        IntentOutcome outcome = attempt.status() == PaymentAttempt.Status.PENDING ? lookUp(attempt) : currentState(attempt);
        if (outcome instanceof IntentOutcome.Created refused && refused.needsCancel()) {
            log.info("Checkout {}: intent {} was refused; canceling it before the buyer may try again", attempt.checkoutId(),
                    refused.intentId());
            return gateway.cancelAbandoned(attempt.request().kind(), refused.intentId());
        }
        return outcome;
    }

    /** A pending attempt's intent: found by its metadata, else (while Stripe surely remembers the key) replayed. */
    private IntentOutcome lookUp(PaymentAttempt attempt) {
        boolean replayable = attempt.createdAt().isAfter(clock.instant().minus(REPLAY_WINDOW));
        String customer = attempt.customer();
        if (customer == null && replayable) {
            // The confirm may have saved the buyer at Stripe without recording it: the same key returns that customer.
            CustomerOutcome saved = gateway.saveCustomer(null, attempt.request().customerDetails(), attempt.idempotencyKey() + "_customer");
            if (!(saved instanceof CustomerOutcome.Saved s)) {
                return new IntentOutcome.Unknown("saving the customer again: " + saved);
            }
            customer = s.customerId();
            String id = customer;
            transactions.executeWithoutResult(status -> attempts.recordCustomer(attempt.id(), id));
        }
        IntentOutcome found = gateway.findByAttempt(attempt.request().kind(), attempt.id(), customer, attempt.createdAt());
        if (!(found instanceof IntentOutcome.NotFound)) {
            return found;
        }
        if (!replayable) {
            if (attempts.flag(attempt.id(), "no intent found for this attempt, and its idempotency key may be forgotten by now")) {
                log.error("Checkout {}: attempt {} has no intent at Stripe and is too old to replay; needs a person",
                        attempt.checkoutId(), attempt.id());
            }
            return found;
        }
        log.info("Checkout {}: attempt {} has no intent at Stripe; replaying it with key {}", attempt.checkoutId(), attempt.id(),
                attempt.idempotencyKey());
        IntentOutcome replayed = gateway.createIntent(attempt.request().withCustomer(customer), attempt.idempotencyKey());
        // A replay that Stripe did not process (a wrong key) says nothing about the first call.
        return replayed instanceof IntentOutcome.Refused refused ? new IntentOutcome.Unknown(refused.reason()) : replayed;
    }

    /** A created attempt's intent now; one left in 3-D Secure too long is canceled, so its checkout reopens. */
    private IntentOutcome currentState(PaymentAttempt attempt) {
        PaymentAttempt.Kind kind = attempt.kind();
        IntentOutcome outcome = gateway.retrieve(attempt.request().kind(), attempt.intentId());
        boolean waitingForBuyer = outcome instanceof IntentOutcome.Created created
                && ("requires_action".equals(created.status()) || "requires_confirmation".equals(created.status()));
        if (waitingForBuyer && attempt.createdAt().isBefore(clock.instant().minus(ABANDONED_AFTER))) {
            log.info("Checkout {}: {} {} abandoned in 3-D Secure; canceling it", attempt.checkoutId(), kind.wireName(), attempt.intentId());
            return gateway.cancelAbandoned(attempt.request().kind(), attempt.intentId());
        }
        return outcome;
    }

    /** Backs off (30 s doubling, at most an hour); past {@link #FLAG_AFTER_CHECKS} checks a person is told. */
    private void notSettled(PaymentAttempt attempt, String reason) {
        long seconds = 30L << Math.min(attempt.checks(), 7);
        Duration backoff = Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
        Instant next = clock.instant().plus(backoff);
        log.warn("Checkout {}: attempt {} not settled ({}); next look at {}", attempt.checkoutId(), attempt.id(), reason, next);
        transactions.executeWithoutResult(status -> {
            attempts.scheduleCheck(attempt.id(), next, reason);
            if (attempt.checks() >= FLAG_AFTER_CHECKS && attempts.flag(attempt.id(), reason)) {
                log.error("Checkout {}: attempt {} still unsettled after {} checks ({}); flagged for the operator",
                        attempt.checkoutId(), attempt.id(), attempt.checks(), reason);
            }
        });
    }

    private static String describe(IntentOutcome outcome) {
        return switch (outcome) {
            case IntentOutcome.Unknown unknown -> unknown.reason();
            case IntentOutcome.Refused refused -> "refused: " + refused.reason();
            case IntentOutcome.NotFound notFound -> "no intent found";
            default -> outcome.toString();
        };
    }
}
