package dev.kassa.checkout;

import dev.kassa.platform.metrics.Metrics;
import dev.kassa.checkout.schemas.CheckoutPublicConfirmed;
import dev.kassa.address.Address;
import dev.kassa.address.BillingAddressFields;
import dev.kassa.address.TaxIds;
import dev.kassa.checkout.CheckoutCommands.CheckoutUpdate;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.CheckoutCustomerUpdate;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.customer.CustomerService;
import dev.kassa.discount.Discount;
import dev.kassa.discount.DiscountService;
import dev.kassa.payment.CustomerDetails;
import dev.kassa.payment.IntentOutcome;
import dev.kassa.payment.PaymentAttempt;
import dev.kassa.payment.PaymentAttempts;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.payment.PaymentGateway.CustomerOutcome;
import dev.kassa.payment.PaymentRequest;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.faults.PausePoints;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.pricing.PaymentFlags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code POST /v1/checkouts/client/{client_secret}/confirm} (reference 7.2) as a durable state machine, in visible
 * phases, with no transaction and no pooled connection held while Stripe is called:
 * <ol>
 *   <li><b>prepare</b> (transaction 1, short): lock the checkout ({@code NOWAIT}: a concurrent confirm gets 409),
 *       apply the body, report every missing field at once, resolve or create the customer, reserve the discount
 *       redemption, and write the payment attempt with the priced snapshot and its idempotency key; the checkout
 *       is {@code confirmed}. A free checkout is fulfilled right here.</li>
 *   <li><b>pay</b> (no transaction): save the Stripe customer, create and confirm the intent under the attempt's
 *       key.</li>
 *   <li><b>record</b> (transaction 2, short): the outcome goes on the attempt and the checkout; a success is
 *       fulfilled in the same transaction, so the checkout is {@code succeeded} when the buyer gets the answer.
 *       A decline reopens the checkout. An answer that never came leaves the attempt pending: the webhook or the
 *       reconciliation job settles it by looking the intent up.</li>
 * </ol>
 * A crash between the phases leaves an attempt that says what was asked for; nothing is charged twice (one key per
 * attempt, at most one unresolved attempt per checkout) and nothing is charged without its order.
 */
@Service
public class ConfirmCheckout {

    private static final Logger log = LoggerFactory.getLogger(ConfirmCheckout.class);
    static final String NO_LONGER_REDEEMABLE = "Discount is no longer redeemable.";
    static final int STRIPE_METADATA_KEYS = 50;
    static final int KASSA_METADATA_KEYS = 7;
    /**
     * Confirms in their Stripe phase at once on this node. They hold no connection then, but each holds one for its
     * two short transactions: bounding them keeps the pool for everything else under a burst of buyers.
     */
    static final int MAX_CONCURRENT_CONFIRMS = 64;
    static final long CONFIRM_QUEUE_WAIT_SECONDS = 10;

    private final CheckoutService checkouts;
    private final UpdateCheckout updates;
    private final CheckoutRepository repository;
    private final CheckoutSettlement settlement;
    private final DiscountService discounts;
    private final CustomerService customers;
    private final PaymentGateway gateway;
    private final PaymentAttempts attempts;
    private final TransactionTemplate transactions;
    private final PausePoints pausePoints;
    private final KassaSettings settings;
    private final Semaphore confirms = new Semaphore(MAX_CONCURRENT_CONFIRMS, true);

    private final CheckoutEvents events;
    private final Metrics metrics;
    private final SubscriptionUniqueness uniqueness;

    ConfirmCheckout(CheckoutService checkouts, UpdateCheckout updates, CheckoutRepository repository, CheckoutSettlement settlement, DiscountService discounts,
            CustomerService customers, PaymentGateway gateway, PaymentAttempts attempts, TransactionTemplate transactions,
            PausePoints pausePoints, KassaSettings settings, CheckoutEvents events, Metrics metrics,
            SubscriptionUniqueness uniqueness) {
        this.uniqueness = uniqueness;
        this.metrics = metrics;
        this.events = events;
        this.checkouts = checkouts;
        this.updates = updates;
        this.repository = repository;
        this.settlement = settlement;
        this.discounts = discounts;
        this.customers = customers;
        this.gateway = gateway;
        this.attempts = attempts;
        this.transactions = transactions;
        this.pausePoints = pausePoints;
        this.settings = settings;
    }

    /** What the first transaction leaves for the rest: the response's state and the attempt to pay. */
    private record Prepared(CheckoutRow row, CheckoutContext context, PaymentAttempt attempt, String customerSessionToken) {
    }

    public CheckoutPublicConfirmed confirm(String clientSecret, CheckoutUpdate update, List<String> seatFields, String confirmationTokenId) {
        acquirePermit();
        try {
            Prepared prepared = checkouts.withTaxQuotes(quotes -> prepare(clientSecret, update, seatFields, confirmationTokenId, quotes));
            if (prepared.attempt().kind() != PaymentAttempt.Kind.FREE) {
                pausePoints.reach("confirm.after_attempt_commit", prepared.row().id, prepared.row().metadata);
                pay(prepared);
            }
            return response(prepared);
        } finally {
            confirms.release();
        }
    }

    private void acquirePermit() {
        try {
            if (confirms.tryAcquire(CONFIRM_QUEUE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                return;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        throw new ServiceUnavailable();
    }

    // ---------------------------------------------------------------- transaction 1

    private Prepared prepare(String clientSecret, CheckoutUpdate update, List<String> seatFields, String confirmationTokenId,
            TaxQuotes quotes) {
        CheckoutRow row = checkouts.lockForBuyer(clientSecret);
        if (row.status == CheckoutStatus.CONFIRMED) {
            // Its payment is under way (or its outcome is being looked up): a second one may not start.
            throw new CheckoutLocked();
        }
        UpdateCheckout.Applied applied = updates.apply(row, update, seatFields, UpdateCheckout.Mode.CONFIRM, quotes);
        quotes.requireComplete();
        CheckoutContext context = applied.context();
        PaymentFlags flags = CheckoutDerivedState.flags(row, context);
        ValidationErrors errors = new ValidationErrors();

        Discount discount = context.discount();
        if (discount != null && discounts.lockForRedemption(row.organizationId, discount.id(), checkouts.now()).isEmpty()) {
            errors.add("value_error", List.of("body", "discount_id"), NO_LONGER_REDEEMABLE, discount.id().toString());
        }
        if (context.price().archived()) {
            errors.add("value_error", List.of("body", "product_price_id"), "Price is archived.", context.price().id().toString());
        }
        if (applied.taxError() != null) {
            errors.add("value_error", List.of("body", "customer_billing_address"), applied.taxError(), null);
        }
        requiredFields(row, flags, confirmationTokenId, errors);
        errors.throwIfAnyFromService();

        ResolvedCustomer resolved = resolveCustomer(row);
        Customer customer = resolved.customer();
        boolean perCustomerDiscount = discount != null && discount.maxRedemptionsPerCustomer() != null;
        if (perCustomerDiscount || context.product().recurring()) {
            // Serializes one buyer's confirms: the checks below see what the other one committed.
            customers.lockForUpdate(customer.id());
        }
        uniqueness.requireNoneActiveOrPaying(row, context.product(), customer.id());
        if (perCustomerDiscount && discounts.customerLimitReached(discount, customer.id(), row.customerEmail, row.id)) {
            throw new DiscountRedemptionLimitReached();
        }
        if (!resolved.created()) {
            customers.updateFromCheckout(customer.id(), new CheckoutCustomerUpdate(row.customerName, row.customerBillingName,
                    row.customerBillingAddress, taxIdOf(row), row.locale, null, row.customerMetadata));
        }
        row.customerId = customer.id();
        if (discount != null) {
            discounts.recordRedemption(discount.id(), row.id, customer.id(), row.customerEmail);
        }

        PaymentRequest request = flags.paymentFormRequired() ? paymentRequest(row, context, flags, confirmationTokenId, customer) : null;
        PurchaseSnapshot snapshot = PurchaseSnapshot.of(row, context.product(), flags.paymentRequired());
        PaymentAttempt attempt = attempts.begin(row.id, row.organizationId, request, snapshot.toJson());
        row.status = CheckoutStatus.CONFIRMED;
        row.paymentProcessorMetadata.remove("intent_client_secret");
        row.paymentProcessorMetadata.remove("intent_status");
        if (customer.stripeCustomerId() != null && request != null) {
            row.paymentProcessorMetadata.put("customer_id", customer.stripeCustomerId());
        }
        row.modifiedAt = checkouts.now();
        repository.update(row);
        events.updated(row);
        metrics.count(CheckoutMetrics.CHECKOUTS, "event", "confirmed");
        if (attempt.kind() == PaymentAttempt.Kind.FREE) {
            settlement.apply(row, attempt, null);
        }
        log.info("Checkout {}: payment attempt {} (#{}, {}) recorded", row.id, attempt.id(), attempt.number(), attempt.kind().wireName());
        // SDK 0.32.10 types the token as a non-null string; Polar sends null when the customer was matched by email
        // (so typing someone's email grants no access to their orders). Kassa sends "" then: no token, and it parses.
        String token = resolved.sessionAllowed() ? customers.issueSession(customer.id()) : "";
        return new Prepared(row, context, attempt, token);
    }

    private PaymentRequest paymentRequest(CheckoutRow row, CheckoutContext context, PaymentFlags flags, String confirmationTokenId,
            Customer customer) {
        PaymentRequest.Kind kind = flags.paymentRequired() ? PaymentRequest.Kind.PAYMENT_INTENT : PaymentRequest.Kind.SETUP_INTENT;
        // The merchant's checkout metadata travels with the payment, as Stripe Checkout's does, within Stripe's
        // limit of 50 keys; Kassa's own keys (up to 7) win.
        Map<String, String> metadata = new LinkedHashMap<>();
        row.metadata.entrySet().stream().limit(STRIPE_METADATA_KEYS - KASSA_METADATA_KEYS)
                .forEach(entry -> metadata.put(entry.getKey(), String.valueOf(entry.getValue())));
        metadata.put("checkout_id", row.id.toString());
        metadata.put("organization_id", row.organizationId.toString());
        metadata.put("type", "product");
        metadata.put("tax_amount", Long.toString(row.taxAmount == null ? 0 : row.taxAmount));
        Address address = row.customerBillingAddress;
        if (address != null) {
            metadata.put("tax_country", address.country());
            if (address.state() != null) {
                metadata.put("tax_state", address.unprefixedState());
            }
        }
        String slug = context.organization().slug();
        return new PaymentRequest(kind,
                kind == PaymentRequest.Kind.PAYMENT_INTENT ? row.netAmount + (row.taxAmount == null ? 0 : row.taxAmount) : null,
                row.currency, confirmationTokenId, customer.stripeCustomerId(),
                new CustomerDetails(row.customerEmail, row.customerBillingName != null ? row.customerBillingName : row.customerName,
                        row.customerBillingAddress),
                context.organization().name() + " \u2014 " + context.product().name(),
                slug.length() > 15 ? slug.substring(0, 15) : slug,
                settings.publicBaseUrlWithoutTrailingSlash() + "/checkout/" + row.clientSecret + "/confirmation",
                context.product().recurring(), metadata);
    }

    // ---------------------------------------------------------------- Stripe, then transaction 2

    private void pay(Prepared prepared) {
        PaymentAttempt attempt = prepared.attempt();
        CheckoutRow row = prepared.row();
        CustomerOutcome saved = gateway.saveCustomer(attempt.request().customer(), attempt.request().customerDetails(),
                attempt.idempotencyKey() + "_customer");
        String processorCustomer = switch (saved) {
            case CustomerOutcome.Saved s -> s.customerId();
            case CustomerOutcome.Rejected rejected -> {
                // No intent was asked for: nothing was charged.
                record(attempt, row, new IntentOutcome.Declined(rejected.message(), "customer_rejected"), null);
                throw new PaymentError(rejected.message());
            }
            case CustomerOutcome.Unavailable unavailable -> {
                record(attempt, row, new IntentOutcome.Declined(unavailable.reason(), "processor_unavailable"), null);
                log.warn("Checkout {}: attempt {} not made, Stripe unavailable while saving the customer, nothing charged: {}", row.id,
                        attempt.id(), unavailable.reason());
                throw new PaymentProcessorUnavailable();
            }
        };
        row.paymentProcessorMetadata.put("customer_id", processorCustomer);
        pausePoints.reach("confirm.after_customer_saved", row.id, row.metadata);
        IntentOutcome outcome = gateway.createIntent(attempt.request().withCustomer(processorCustomer), attempt.idempotencyKey());
        pausePoints.reach("confirm.after_stripe_answer", row.id, row.metadata);
        switch (outcome) {
            case IntentOutcome.Declined declined -> {
                record(attempt, row, declined, processorCustomer);
                throw new PaymentError(declined.message());
            }
            case IntentOutcome.Refused refused -> {
                // A first request Stripe did not process (a wrong key): nothing was charged.
                log.error("Checkout {}: Stripe refused attempt {}: {}", row.id, attempt.id(), refused.reason());
                record(attempt, row, new IntentOutcome.Declined(refused.reason(), "refused"), processorCustomer);
                throw new PaymentProcessorUnavailable();
            }
            case IntentOutcome.Created created -> {
                PaymentAttempt settled = record(attempt, row, created, processorCustomer);
                if (settled != null && settled.status() == PaymentAttempt.Status.FAILED) {
                    throw new PaymentError(null);
                }
                row.paymentProcessorMetadata.put("intent_client_secret", created.clientSecret());
                // Unrecorded (transaction 2 failed): the look-up settles it, and the buyer is told it is processing.
                row.paymentProcessorMetadata.put("intent_status", settled == null ? "processing" : created.status());
            }
            case IntentOutcome.Unknown unknown -> {
                // The charge may have happened: the attempt stays pending, and the webhook or a look-up settles it.
                log.warn("Checkout {}: outcome of attempt {} unknown ({}); settled later by look-up", row.id, attempt.id(),
                        unknown.reason());
                recordCustomerQuietly(attempt, row, processorCustomer);
                attempts.countUnknown();
                row.paymentProcessorMetadata.put("intent_status", "processing");
            }
            case IntentOutcome.NotFound notFound -> throw new IllegalStateException("a create never answers not found");
        }
    }

    /**
     * Transaction 2: the outcome on the attempt and the checkout (a success fulfilled at once), and the buyer's
     * processor customer on the customer. If it fails after a charge, the attempt stays pending and is settled by
     * look-up; the buyer is told the payment is processing, never that it failed.
     */
    private PaymentAttempt record(PaymentAttempt attempt, CheckoutRow row, IntentOutcome outcome, String processorCustomer) {
        try {
            // Lock order as everywhere: checkout, attempt (taken by settle), customer, then a discount (a reopening).
            return transactions.execute(status -> settlement.settle(attempt, outcome, "the confirm", () -> {
                if (processorCustomer != null) {
                    recordProcessorCustomer(attempt, row, processorCustomer);
                }
            }));
        } catch (RuntimeException e) {
            if (outcome instanceof IntentOutcome.Declined) {
                throw e;
            }
            log.error("Checkout {}: recording the outcome of attempt {} failed; it is settled by look-up", attempt.checkoutId(),
                    attempt.id(), e);
            return null;
        }
    }

    private void recordCustomerQuietly(PaymentAttempt attempt, CheckoutRow row, String processorCustomer) {
        try {
            transactions.executeWithoutResult(status -> recordProcessorCustomer(attempt, row, processorCustomer));
        } catch (RuntimeException e) {
            log.warn("Checkout {}: could not record Stripe customer {}; the look-up finds it again", row.id, processorCustomer, e);
        }
    }

    /** The Stripe customer the attempt paid with, on the attempt and on the buyer's customer (set by transaction 1). */
    private void recordProcessorCustomer(PaymentAttempt attempt, CheckoutRow row, String processorCustomer) {
        attempts.recordCustomer(attempt.id(), processorCustomer);
        customers.recordProcessorCustomer(row.customerId, processorCustomer);
    }

    /** Polar's {@code CheckoutPublicConfirmed}: status {@code confirmed}, even when the order already exists. */
    private CheckoutPublicConfirmed response(Prepared prepared) {
        CheckoutRow row = prepared.row();
        row.status = CheckoutStatus.CONFIRMED;
        return CheckoutSchemas.confirmed(row, prepared.context(), CheckoutDerivedState.flags(row, prepared.context()),
                settings, prepared.customerSessionToken());
    }

    /** Every missing required field in one list (reference 6.2, "Confirm requirements"). */
    private static void requiredFields(CheckoutRow row, PaymentFlags flags, String confirmationTokenId, ValidationErrors errors) {
        if (row.customerId == null && row.customerEmail == null) {
            errors.add("missing", List.of("body", "customer_email"), "Field is required.", null);
        }
        boolean billingAddressRequired = row.requireBillingAddress || row.businessCustomer || "upi".equals(row.paymentMethodType);
        String country = row.customerBillingAddress == null ? null : row.customerBillingAddress.country();
        boolean full = BillingAddressFields.isFull(billingAddressRequired, country);
        java.util.Set<List<Object>> reported = new java.util.LinkedHashSet<>();
        if (flags.paymentFormRequired()) {
            for (List<String> path : BillingAddressFields.missingForConfirm(row.customerBillingAddress, full)) {
                List<Object> loc = new java.util.ArrayList<>();
                loc.add("body");
                loc.addAll(path);
                reported.add(loc);
            }
        }
        if (row.businessCustomer) {
            if (row.customerBillingName == null) {
                reported.add(List.of("body", "customer_billing_name"));
            }
            if (row.customerBillingAddress == null) {
                reported.add(List.of("body", "customer_billing_address"));
            }
        }
        reported.forEach(loc -> errors.add("missing", loc, "Field is required.", null));
        if (billingAddressRequired && row.customerBillingAddress != null && !row.customerBillingAddress.hasAddress()) {
            errors.add("value_error", List.of("body", "customer_billing_address"), "Full billing address is required.", null);
        }
        if (flags.paymentFormRequired() && (confirmationTokenId == null || confirmationTokenId.isBlank())) {
            errors.add("missing", List.of("body", "confirmation_token_id"), "Confirmation token is required.", null);
        }
    }

    /** {@code created}: made by this confirm, with the checkout's data already on it. */
    record ResolvedCustomer(Customer customer, boolean sessionAllowed, boolean created) {
    }

    private static TaxIds.TaxId taxIdOf(CheckoutRow row) {
        return row.customerTaxId == null ? null : new TaxIds.TaxId(row.customerTaxId, row.customerTaxIdFormat);
    }

    /**
     * The linked customer, else the organization's customer with this email (but then no session token: typing
     * someone's email must not open their orders), else a new one.
     */
    private ResolvedCustomer resolveCustomer(CheckoutRow row) {
        if (row.customerId != null) {
            Customer linked = customers.findById(row.organizationId, row.customerId).filter(c -> !c.deleted())
                    .orElseThrow(CheckoutCustomerDeleted::new);
            // A checkout reopened after a failed payment keeps its customer: one matched by email still gets no token.
            return new ResolvedCustomer(linked, !"email".equals(row.customerLink), false);
        }
        Optional<Customer> byEmail = customers.findByEmail(row.organizationId, row.customerEmail);
        if (byEmail.isPresent()) {
            row.customerLink = "email";
            return new ResolvedCustomer(byEmail.get(), false, false);
        }
        if (row.externalCustomerId != null && customers.findByExternalId(row.organizationId, row.externalCustomerId).isPresent()) {
            throw new CheckoutCustomerExternalIdMismatch();
        }
        try {
            // Created with the checkout's data at once: one row written, and only customer.created sent, as Polar does.
            Customer created = customers.create(new NewCustomer(row.organizationId, row.customerEmail, row.externalCustomerId,
                    row.customerName, row.customerBillingName, row.customerBillingAddress, taxIdOf(row), row.locale,
                    row.customerMetadata == null ? Map.of() : row.customerMetadata));
            row.customerLink = "created";
            return new ResolvedCustomer(created, true, true);
        } catch (dev.kassa.platform.web.RequestValidationError e) {
            // Another checkout created this buyer a moment ago: use that customer, without a session token.
            row.customerLink = "email";
            return customers.findByEmail(row.organizationId, row.customerEmail).map(c -> new ResolvedCustomer(c, false, false))
                    .orElseThrow(() -> e);
        }
    }

}
