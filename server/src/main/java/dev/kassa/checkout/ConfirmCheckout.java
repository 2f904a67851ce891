package dev.kassa.checkout;

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
import dev.kassa.payment.stripe.IntentOutcome;
import dev.kassa.payment.stripe.PaymentAttempts;
import dev.kassa.payment.stripe.PaymentEvents;
import dev.kassa.payment.stripe.PaymentRequest;
import dev.kassa.payment.stripe.StripePayments;
import dev.kassa.platform.config.KassaSettings;
import dev.kassa.platform.web.ApiError;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.pricing.PaymentFlags;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * {@code POST /v1/checkouts/client/{client_secret}/confirm} (reference 7.2): the buyer's last update, every
 * required field checked at once, the customer resolved, then the payment asked of Stripe.
 *
 * <p>Lock order: the checkout row ({@code FOR UPDATE NOWAIT}: a concurrent confirm gets 409 at once), then a
 * capped discount ({@code FOR UPDATE NOWAIT}: a busy one is "no longer redeemable"), then the customer. The
 * Stripe calls run while the checkout is locked, so that no second confirm can start a second payment; they are
 * bounded by the client's timeouts. Each payment attempt is recorded (and committed) before the call with its own
 * idempotency key: if the answer is lost, the checkout stays {@code confirmed} and the reconciliation job replays
 * the call with the same key, which returns the same intent instead of charging twice.
 */
@Service
public class ConfirmCheckout {

    static final String NO_LONGER_REDEEMABLE = "Discount is no longer redeemable.";
    static final int STRIPE_METADATA_KEYS = 50;
    static final int KASSA_METADATA_KEYS = 7;

    private final CheckoutService checkouts;
    private final CheckoutRepository repository;
    private final DiscountService discounts;
    private final CustomerService customers;
    private final StripePayments payments;
    private final PaymentAttempts attempts;
    private final PaymentEvents events;
    private final KassaSettings settings;

    ConfirmCheckout(CheckoutService checkouts, CheckoutRepository repository, DiscountService discounts, CustomerService customers,
            StripePayments payments, PaymentAttempts attempts, PaymentEvents events, KassaSettings settings) {
        this.checkouts = checkouts;
        this.repository = repository;
        this.discounts = discounts;
        this.customers = customers;
        this.payments = payments;
        this.attempts = attempts;
        this.events = events;
        this.settings = settings;
    }

    @Transactional
    public Map<String, Object> confirm(String clientSecret, CheckoutUpdate update, List<String> seatFields, String confirmationTokenId) {
        CheckoutRow row = checkouts.lockForBuyer(clientSecret);
        CheckoutService.Applied applied = checkouts.applyUpdate(row, update, seatFields, CheckoutService.Mode.CONFIRM);
        CheckoutService.Context context = applied.context();
        PaymentFlags flags = CheckoutService.flags(row, context);
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
        String stripeCustomerId = customer.stripeCustomerId();
        if (flags.paymentFormRequired()) {
            try {
                stripeCustomerId = payments.upsertCustomer(stripeCustomerId, row.customerEmail,
                        row.customerBillingName != null ? row.customerBillingName : row.customerName, row.customerBillingAddress);
            } catch (StripePayments.StripeRejected e) {
                throw paymentError(e.getMessage());
            } catch (StripePayments.StripeUnavailable e) {
                throw processorUnavailable(e);
            }
            row.paymentProcessorMetadata.put("customer_id", stripeCustomerId);
        }
        if (discount != null && discount.maxRedemptionsPerCustomer() != null) {
            customers.lockForUpdate(customer.id());
            if (discounts.customerLimitReached(discount, customer.id(), row.customerEmail, row.id)) {
                throw new ApiError(HttpStatus.FORBIDDEN, "DiscountRedemptionLimitReached",
                        "You have already redeemed this discount the maximum number of times allowed per customer.");
            }
        }
        customers.updateFromCheckout(customer.id(), new CheckoutCustomerUpdate(row.customerName, row.customerBillingName,
                row.customerBillingAddress, row.customerTaxId == null ? null : new TaxIds.TaxId(row.customerTaxId, row.customerTaxIdFormat),
                row.locale, stripeCustomerId, row.customerMetadata));
        row.customerId = customer.id();

        if (flags.paymentFormRequired()) {
            pay(row, context, flags, confirmationTokenId, stripeCustomerId);
        } else {
            events.freeCheckoutSucceeded(row.id);
        }
        row.status = CheckoutStatus.CONFIRMED;
        row.modifiedAt = checkouts.now();
        repository.update(row);
        if (discount != null) {
            discounts.recordRedemption(discount.id(), row.id, customer.id(), row.customerEmail);
        }
        events.processAfterCommit();

        Map<String, Object> json = CheckoutViews.client(row, context, CheckoutService.flags(row, context), settings);
        // SDK 0.32.10 types the token as a non-null string; Polar sends null when the customer was matched by email
        // (so typing someone's email grants no access to their orders). Kassa sends "" then: no token, and it parses.
        json.put("customer_session_token", resolved.sessionAllowed() ? customers.issueSession(customer.id()) : "");
        return json;
    }

    private void pay(CheckoutRow row, CheckoutService.Context context, PaymentFlags flags, String confirmationTokenId,
            String stripeCustomerId) {
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
        PaymentRequest request = new PaymentRequest(kind,
                kind == PaymentRequest.Kind.PAYMENT_INTENT ? row.netAmount + (row.taxAmount == null ? 0 : row.taxAmount) : null,
                row.currency, confirmationTokenId, stripeCustomerId,
                context.organization().name() + " \u2014 " + context.product().name(),
                slug.length() > 15 ? slug.substring(0, 15) : slug,
                settings.publicBaseUrlWithoutTrailingSlash() + "/checkout/" + row.clientSecret + "/confirmation",
                context.product().recurring(), metadata);
        PaymentAttempts.Attempt attempt = attempts.begin(row.id, row.organizationId, request);
        IntentOutcome outcome = payments.createIntent(attempt.request(), attempt.idempotencyKey());
        switch (outcome) {
            case IntentOutcome.Created created when created.failed() -> {
                attempts.markDeclined(attempt.id());
                throw paymentError(null);
            }
            case IntentOutcome.Created created -> {
                attempts.markCreated(attempt.id(), created.intentId());
                row.paymentProcessorMetadata.put("intent_client_secret", created.clientSecret());
                row.paymentProcessorMetadata.put("intent_status", created.status());
            }
            case IntentOutcome.Declined declined -> {
                attempts.markDeclined(attempt.id());
                throw paymentError(declined.message());
            }
            case IntentOutcome.Unknown unknown -> {
                // The charge may have happened: the checkout is confirmed and the reconciliation job finds out.
                row.paymentProcessorMetadata.put("intent_status", "processing");
            }
        }
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

    record ResolvedCustomer(Customer customer, boolean sessionAllowed) {
    }

    /**
     * The linked customer, else the organization's customer with this email (but then no session token: typing
     * someone's email must not open their orders), else a new one.
     */
    private ResolvedCustomer resolveCustomer(CheckoutRow row) {
        if (row.customerId != null) {
            Customer linked = customers.findById(row.organizationId, row.customerId).filter(c -> !c.deleted())
                    .orElseThrow(() -> new ApiError(HttpStatus.CONFLICT, "CheckoutCustomerDeleted",
                            "The customer associated with this checkout has been deleted."));
            // A checkout reopened after a failed payment keeps its customer: one matched by email still gets no token.
            return new ResolvedCustomer(linked, !"email".equals(row.customerLink));
        }
        Optional<Customer> byEmail = customers.findByEmail(row.organizationId, row.customerEmail);
        if (byEmail.isPresent()) {
            row.customerLink = "email";
            return new ResolvedCustomer(byEmail.get(), false);
        }
        if (row.externalCustomerId != null && customers.findByExternalId(row.organizationId, row.externalCustomerId).isPresent()) {
            throw new ApiError(HttpStatus.UNPROCESSABLE_CONTENT, "CheckoutCustomerExternalIdMismatch",
                    "A customer with this external ID already exists but with a different email address.");
        }
        try {
            Customer created = customers.create(NewCustomer.fromCheckout(row.organizationId, row.customerEmail, row.externalCustomerId));
            row.customerLink = "created";
            return new ResolvedCustomer(created, true);
        } catch (dev.kassa.platform.web.RequestValidationError e) {
            // Another checkout created this buyer a moment ago: use that customer, without a session token.
            row.customerLink = "email";
            return customers.findByEmail(row.organizationId, row.customerEmail).map(c -> new ResolvedCustomer(c, false))
                    .orElseThrow(() -> e);
        }
    }

    static ApiError paymentError(String stripeMessage) {
        String detail = stripeMessage == null
                ? "The payment failed. Please try again with a different payment method."
                : "The payment failed: " + stripeMessage + " Please try again with a different payment method.";
        return new ApiError(HttpStatus.BAD_REQUEST, "PaymentError", detail);
    }

    private static ApiError processorUnavailable(Throwable cause) {
        return new ApiError(HttpStatus.BAD_GATEWAY, "PaymentProcessorUnavailable",
                "The payment processor could not be reached. Nothing was charged; please try again.", Map.of(), cause);
    }
}
