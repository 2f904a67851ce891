package dev.kassa.renewal;

import dev.kassa.payment.IntentOutcome;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.payment.PaymentRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Settles every renewal attempt whose outcome Kassa did not see, by looking it up at Stripe, never by guessing: a
 * pending attempt's intent is found among the customer's PaymentIntents created since the attempt, by its
 * {@value PaymentGateway#RENEWAL_METADATA_KEY} tag; when there is none and Stripe surely still remembers the key
 * ({@link #REPLAY_WINDOW}), the charge is replayed with its key (which returns the first call's intent or makes
 * it now); past that window it goes to the operator. An intent still processing is re-read. Anything else
 * (an outage, a wrong key) backs off and, after {@link #FLAG_AFTER_CHECKS} checks, is flagged and still retried
 * hourly. Attempts are leased with {@code FOR UPDATE SKIP LOCKED}; no transaction is open during a Stripe call.
 */
@Component
class RenewalReconciliation {

    private static final Logger log = LoggerFactory.getLogger(RenewalReconciliation.class);
    /** Stripe keeps idempotency keys for 24 hours; a replay is only trusted well inside that. */
    static final Duration REPLAY_WINDOW = Duration.ofHours(12);
    static final Duration LEASE = Duration.ofMinutes(2);
    static final int FLAG_AFTER_CHECKS = 8;
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final int BATCH = 20;
    private static final int MAX_PER_RUN = 500;

    private final RenewalRepository renewals;
    private final RenewalSettlement settlement;
    private final Renewals flows;
    private final PaymentGateway gateway;
    private final TransactionTemplate transactions;
    private final Clock clock;

    RenewalReconciliation(RenewalRepository renewals, RenewalSettlement settlement, Renewals flows, PaymentGateway gateway,
            TransactionTemplate transactions, Clock clock) {
        this.renewals = renewals;
        this.settlement = settlement;
        this.flows = flows;
        this.gateway = gateway;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** @return how many attempts it resolved */
    int reconcile() {
        int settled = 0;
        int seen = 0;
        while (seen < MAX_PER_RUN) {
            List<RenewalAttempt> due = transactions.execute(status -> renewals.claimDueChecks(BATCH, now(), LEASE));
            if (due == null || due.isEmpty()) {
                break;
            }
            seen += due.size();
            for (RenewalAttempt attempt : due) {
                try {
                    settled += reconcile(attempt) ? 1 : 0;
                } catch (RuntimeException e) {
                    notSettled(attempt, e.toString());
                    log.error("Renewal attempt {} could not be settled", attempt.id(), e);
                }
            }
        }
        return settled;
    }

    boolean reconcile(RenewalAttempt attempt) {
        if (attempt.status().resolved()) {
            return false;
        }
        IntentOutcome outcome = flows.finalOutcome(attempt.status() == RenewalAttempt.Status.PENDING ? lookUp(attempt)
                : gateway.retrieve(PaymentRequest.Kind.PAYMENT_INTENT, attempt.intentId()));
        if (!(outcome instanceof IntentOutcome.Created) && !(outcome instanceof IntentOutcome.Declined)) {
            notSettled(attempt, outcome.toString());
            return false;
        }
        RenewalAttempt after = transactions.execute(status -> settlement.settle(attempt.id(), outcome));
        if (after != null && after.status() != attempt.status()) {
            log.info("Renewal attempt {}: reconciliation settled it as {} (intent {})", attempt.id(), after.status().wireName(),
                    after.intentId());
        }
        return after != null && after.status().resolved();
    }

    private IntentOutcome lookUp(RenewalAttempt attempt) {
        IntentOutcome found = gateway.findPaymentIntentByMetadata(PaymentGateway.RENEWAL_METADATA_KEY, attempt.id().toString(),
                attempt.request().customer(), attempt.createdAt());
        if (!(found instanceof IntentOutcome.NotFound)) {
            return found;
        }
        if (!attempt.createdAt().isAfter(clock.instant().minus(REPLAY_WINDOW))) {
            if (transactions.execute(status -> renewals.flag(attempt.id(),
                    "no intent found for this attempt, and its idempotency key may be forgotten by now", now()))) {
                log.error("Renewal attempt {} has no intent at Stripe and is too old to replay; needs a person", attempt.id());
            }
            return found;
        }
        log.info("Renewal attempt {} has no intent at Stripe; replaying it with key {}", attempt.id(), attempt.idempotencyKey());
        IntentOutcome replayed = gateway.chargeOffSession(attempt.request(), attempt.idempotencyKey());
        return replayed instanceof IntentOutcome.Refused refused ? new IntentOutcome.Unknown(refused.reason()) : replayed;
    }

    /** Backs off (30 s doubling, at most an hour); past {@link #FLAG_AFTER_CHECKS} checks a person is told. */
    private void notSettled(RenewalAttempt attempt, String reason) {
        long seconds = 30L << Math.min(attempt.checks(), 7);
        Duration backoff = Duration.ofSeconds(seconds).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : Duration.ofSeconds(seconds);
        Instant next = now().plus(backoff);
        log.warn("Renewal attempt {} not settled ({}); next look at {}", attempt.id(), reason, next);
        transactions.executeWithoutResult(status -> {
            renewals.scheduleCheck(attempt.id(), next, reason, now());
            if (attempt.checks() >= FLAG_AFTER_CHECKS && renewals.flag(attempt.id(), reason, now())) {
                log.error("Renewal attempt {} still unsettled after {} checks ({}); flagged for the operator", attempt.id(),
                        attempt.checks(), reason);
            }
        });
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
