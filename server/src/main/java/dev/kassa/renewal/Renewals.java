package dev.kassa.renewal;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerService;
import dev.kassa.order.Order;
import dev.kassa.order.OrderService;
import dev.kassa.payment.IntentOutcome;
import dev.kassa.payment.OffSessionCharge;
import dev.kassa.payment.PaymentAttempt;
import dev.kassa.payment.PaymentAttempts;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.payment.PaymentRequest;
import dev.kassa.platform.faults.PausePoints;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionBilling;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Bills a subscription's next period as a durable state machine, with no transaction open during a network call:
 * <ol>
 *   <li><b>price</b> (no transaction): the subscription's amount, its discount while it lasts, tax at Stripe Tax;</li>
 *   <li><b>begin</b> (transaction 1, short): the subscription is locked if still due ({@code SKIP LOCKED}: another
 *       node renewing it is left alone), its period advanced (Polar's cycle: {@code subscription.cycled},
 *       {@code subscription.updated}), the cycle's order made {@code pending} ({@code order.created}), the renewal
 *       recorded (unique per subscription and period) with its first attempt: the exact off-session charge and its
 *       idempotency key. A $0 order is paid right here;</li>
 *   <li><b>charge</b> (no transaction): the off-session PaymentIntent on the saved payment method, under the key;</li>
 *   <li><b>record</b> (transaction 2, short): the outcome, through {@link RenewalSettlement}. An answer that never
 *       came leaves the attempt pending: the webhook or {@link RenewalReconciliation} settles it by looking it up.</li>
 * </ol>
 * A dunning retry is the same from step 3, with the next attempt of the renewal. Since the period is advanced in the
 * transaction that records the attempt, a subscription is never due twice for one period: a second node, a retried
 * job or a restart after a crash finds it renewed, and only the look-up can finish the attempt.
 */
@Service
class Renewals {

    private static final Logger log = LoggerFactory.getLogger(Renewals.class);

    private final SubscriptionBilling billing;
    private final RenewalPricing pricing;
    private final RenewalRepository renewals;
    private final RenewalSettlement settlement;
    private final OrderService orders;
    private final CustomerService customers;
    private final PaymentGateway gateway;
    private final PaymentAttempts paymentAttempts;
    private final TransactionTemplate transactions;
    private final PausePoints pausePoints;
    private final Clock clock;
    /** As for checkouts ({@code kassa.payments.pending-grace}): a live call is never second-guessed by a look-up. */
    private final Duration pendingGrace;

    Renewals(SubscriptionBilling billing, RenewalPricing pricing, RenewalRepository renewals, RenewalSettlement settlement,
            OrderService orders, CustomerService customers, PaymentGateway gateway, PaymentAttempts paymentAttempts,
            TransactionTemplate transactions, PausePoints pausePoints, Clock clock,
            @Value("${kassa.payments.pending-grace:PT5M}") Duration pendingGrace) {
        this.paymentAttempts = paymentAttempts;
        this.billing = billing;
        this.pricing = pricing;
        this.renewals = renewals;
        this.settlement = settlement;
        this.orders = orders;
        this.customers = customers;
        this.gateway = gateway;
        this.transactions = transactions;
        this.pausePoints = pausePoints;
        this.clock = clock;
        this.pendingGrace = pendingGrace;
    }

    /** What transaction 1 leaves for the charge: the attempt to make (null when nothing is to be charged). */
    private record Begun(Renewal renewal, RenewalAttempt attempt, Map<String, Object> metadata) {
    }

    /** Renews the subscription if it is due now; false when it is not (or another node is on it). */
    boolean renew(UUID subscriptionId) {
        return renew(subscriptionId, Duration.ZERO);
    }

    /**
     * As {@link #renew(UUID)}, after moving the subscription's timeline {@code shift} into the past in the same
     * transaction that begins the renewal (the test clock), so no other node sees it due before it is renewed.
     */
    boolean renew(UUID subscriptionId, Duration shift) {
        Optional<Subscription> found = billing.find(subscriptionId);
        if (found.isEmpty() || !dueAfter(found.get(), shift)) {
            return false;
        }
        Subscription observed = withSavedPaymentMethod(found.get());
        Duration offset = transactions.execute(status -> renewals.testClockOffset(subscriptionId));
        RenewalQuote quote = pricing.quote(observed, offset).shiftedBack(shift);
        Begun begun = transactions.execute(status -> begin(quote, shift));
        if (begun == null) {
            return false;
        }
        if (begun.attempt() != null) {
            charge(begun.attempt(), begun.metadata());
        }
        return true;
    }

    /**
     * A subscription bought before Kassa kept the saved payment method has none: it is the one its checkout's
     * intent used, looked up at Stripe (no transaction open) and kept.
     */
    private Subscription withSavedPaymentMethod(Subscription s) {
        if (s.stripePaymentMethodId() != null || s.checkoutId() == null) {
            return s;
        }
        Optional<PaymentAttempt> paid = paymentAttempts.latestOf(s.checkoutId())
                .filter(a -> a.status().charged() && a.intentId() != null && a.request() != null);
        if (paid.isEmpty()) {
            return s;
        }
        String paymentMethod = paid.get().paymentMethodId();
        if (paymentMethod == null && gateway.retrieve(paid.get().request().kind(), paid.get().intentId())
                instanceof IntentOutcome.Created created) {
            paymentMethod = created.paymentMethodId();
        }
        if (paymentMethod == null) {
            return s;
        }
        String found = paymentMethod;
        transactions.executeWithoutResult(status -> billing.adoptPaymentMethod(s.id(), found));
        log.info("Subscription {}: uses payment method {}, which its checkout's intent {} saved", s.id(), found, paid.get().intentId());
        return billing.find(s.id()).orElse(s);
    }

    private boolean dueAfter(Subscription s, Duration shift) {
        return s.status().active() && !s.cancelAtPeriodEnd() && s.endedAt() == null && s.currentPeriodEnd() != null
                && !s.currentPeriodEnd().minus(shift).isAfter(now());
    }

    private Begun begin(RenewalQuote quote, Duration shift) {
        UUID subscriptionId = quote.observed().id();
        if (!shift.isZero()) {
            shift(subscriptionId, shift);
        }
        Optional<Subscription> due = billing.lockDue(subscriptionId, quote.observed().currentPeriodEnd().minus(shift));
        if (due.isEmpty() || !quote.stillPrices(due.get(), shift)) {
            // Renewed by another node, changed or ended meanwhile: a later run prices it again if still due.
            return null;
        }
        Subscription locked = due.get();
        billing.advancePeriod(locked, quote.periodEnd(), quote.dropDiscount());
        Order order = orders.createPendingForRenewal(quote.order());
        Instant now = now();
        Renewal renewal = new Renewal(UUID.randomUUID(), locked.organizationId(), subscriptionId, locked.customerId(), order.id(),
                quote.periodStart(), quote.periodEnd(), quote.total(), locked.currency(),
                locked.status() == Subscription.Status.TRIALING, Renewal.Status.CHARGING, 0, null, now, now);
        if (!renewals.insert(renewal)) {
            throw new IllegalStateException("subscription " + subscriptionId + " has a renewal for the period starting "
                    + quote.periodStart() + " already");
        }
        log.info("Subscription {}: renewing the period {} to {} for {} {} (order {})", subscriptionId, quote.periodStart(),
                quote.periodEnd(), quote.total(), locked.currency(), order.id());
        if (quote.total() == 0) {
            settlement.paid(renewal, null);
            return new Begun(renewal, null, locked.metadata());
        }
        return new Begun(renewal, firstOrNextAttempt(renewal, locked, quote.description(), quote.statementDescriptorSuffix()),
                locked.metadata());
    }

    /**
     * The test clock's move (in the caller's transaction): the subscription's renewals, then the subscription, in
     * the lock order of every renewal transaction (renewal, attempt, subscription).
     */
    void shift(UUID subscriptionId, Duration shift) {
        renewals.shift(subscriptionId, shift, now());
        billing.lock(subscriptionId);
        billing.shiftTimeline(subscriptionId, shift);
    }

    /** Retries a past-due renewal if its next try is due now; false when it is not (or another node is on it). */
    boolean retry(UUID renewalId) {
        return retry(renewalId, Duration.ZERO);
    }

    /** As {@link #retry(UUID)}, after moving the subscription's timeline {@code shift} into the past (the test clock). */
    boolean retry(UUID renewalId, Duration shift) {
        Begun begun = transactions.execute(status -> {
            if (!shift.isZero()) {
                shift(renewals.find(renewalId).orElseThrow().subscriptionId(), shift);
            }
            Optional<Renewal> due = renewals.lockDueRetry(renewalId, now());
            if (due.isEmpty()) {
                return null;
            }
            Renewal renewal = due.get();
            Subscription s = billing.lock(renewal.subscriptionId()).orElseThrow();
            if (s.endedAt() != null || s.status() != Subscription.Status.PAST_DUE) {
                // Revoked or canceled meanwhile: nothing more is charged for it.
                renewals.update(renewal.id(), Renewal.Status.ENDED, renewal.failures(), null, now());
                log.info("Renewal {}: subscription {} is {} now; not retried", renewal.id(), s.id(), s.status().wireName());
                return new Begun(renewal, null, s.metadata());
            }
            renewals.update(renewal.id(), Renewal.Status.CHARGING, renewal.failures(), null, now());
            Renewal charging = renewals.find(renewalId).orElseThrow();
            Optional<OffSessionCharge> last = renewals.attemptsOf(renewalId).stream().reduce((a, b) -> b).map(RenewalAttempt::request);
            String description = last.map(OffSessionCharge::description).orElse(null);
            String suffix = last.map(OffSessionCharge::statementDescriptorSuffix).orElse(null);
            return new Begun(charging, firstOrNextAttempt(charging, s, description, suffix), s.metadata());
        });
        if (begun == null) {
            return false;
        }
        if (begun.attempt() != null) {
            charge(begun.attempt(), begun.metadata());
        }
        return true;
    }

    /**
     * The renewal's next attempt on the subscription's saved payment method and the customer's Stripe customer (the
     * caller holds the renewal's lock). Without either nothing can be charged: that counts as a declined try.
     */
    private RenewalAttempt firstOrNextAttempt(Renewal renewal, Subscription s, String description, String suffix) {
        Customer customer = customers.findById(s.organizationId(), s.customerId()).orElse(null);
        String processorCustomer = customer == null ? null : customer.stripeCustomerId();
        if (s.stripePaymentMethodId() == null || processorCustomer == null) {
            settlement.declined(renewal, "no saved payment method");
            return null;
        }
        UUID attemptId = UUID.randomUUID();
        Map<String, String> metadata = new LinkedHashMap<>();
        metadata.put(PaymentGateway.RENEWAL_METADATA_KEY, attemptId.toString());
        metadata.put("subscription_id", s.id().toString());
        metadata.put("order_id", renewal.orderId().toString());
        metadata.put("organization_id", s.organizationId().toString());
        metadata.put("type", "subscription_cycle");
        OffSessionCharge request = new OffSessionCharge(renewal.amount(), renewal.currency(), processorCustomer,
                s.stripePaymentMethodId(), description, suffix, metadata);
        Instant now = now();
        RenewalAttempt attempt = renewals.insertAttempt(attemptId, renewal.id(), request, now.plus(pendingGrace), now);
        log.info("Renewal {}: attempt {} recorded, key {}", renewal.id(), attempt.number(), attempt.idempotencyKey());
        return attempt;
    }

    /** Steps 3 and 4: the charge with no transaction open, then its outcome in a short one. */
    private void charge(RenewalAttempt attempt, Map<String, Object> metadata) {
        pausePoints.reach("renewal.after_attempt_commit", attempt.id(), metadata);
        IntentOutcome outcome = finalOutcome(gateway.chargeOffSession(attempt.request(), attempt.idempotencyKey()));
        pausePoints.reach("renewal.after_stripe_answer", attempt.id(), metadata);
        if (outcome instanceof IntentOutcome.Unknown || outcome instanceof IntentOutcome.Refused) {
            // Unknown: it may have been charged. Refused (a wrong key): an operator's problem, not the buyer's card,
            // so it is no dunning step either. Both are left to the look-up, which replays the call with its key.
            log.warn("Renewal attempt {}: no usable answer ({}); settled later by look-up", attempt.id(), outcome);
            return;
        }
        try {
            transactions.executeWithoutResult(status -> settlement.settle(attempt.id(), outcome));
        } catch (RuntimeException e) {
            log.error("Renewal attempt {}: recording its outcome failed; it is settled by look-up", attempt.id(), e);
        }
    }

    /**
     * An off-session intent waiting for the buyer ({@code requires_action}: the bank wants 3-D Secure) cannot be
     * finished without them: it is canceled, and what it then is counts (it may have succeeded meanwhile).
     */
    IntentOutcome finalOutcome(IntentOutcome outcome) {
        if (outcome instanceof IntentOutcome.Created created
                && ("requires_action".equals(created.status()) || "requires_confirmation".equals(created.status()))) {
            return gateway.cancelAbandoned(PaymentRequest.Kind.PAYMENT_INTENT, created.intentId());
        }
        return outcome;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
