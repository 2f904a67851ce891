package dev.kassa.paymentmethod;

import dev.kassa.checkout.PaymentProcessorUnavailable;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerService;
import dev.kassa.payment.CustomerDetails;
import dev.kassa.payment.PaymentGateway;
import dev.kassa.payment.PaymentGateway.CustomerOutcome;
import dev.kassa.payment.PaymentMethodGateway;
import dev.kassa.payment.PaymentMethodGateway.SavedMethod;
import dev.kassa.payment.PaymentMethodGateway.SetupOutcome;
import dev.kassa.paymentmethod.schemas.CustomerPaymentMethod;
import dev.kassa.paymentmethod.schemas.CustomerPaymentMethodCreateResponse;
import dev.kassa.platform.crypto.Tokens;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.platform.web.ValidationErrors;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionBilling;
import dev.kassa.subscription.SubscriptionService;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The buyer's saved payment methods in the customer portal (Polar's {@code customer_portal} payment methods). Stripe
 * holds the cards; Kassa keeps a row per card for a stable id. Every Stripe call runs with no transaction open; the
 * rows are written in short transactions after it.
 */
@Service
public class PaymentMethodService {

    private static final Logger log = LoggerFactory.getLogger(PaymentMethodService.class);

    private final PaymentMethodRepository methods;
    private final PaymentMethodGateway gateway;
    private final PaymentGateway payments;
    private final CustomerService customers;
    private final SubscriptionService subscriptions;
    private final SubscriptionBilling billing;
    private final TransactionTemplate transactions;
    private final Clock clock;

    PaymentMethodService(PaymentMethodRepository methods, PaymentMethodGateway gateway, PaymentGateway payments,
            CustomerService customers, SubscriptionService subscriptions, SubscriptionBilling billing,
            TransactionTemplate transactions, Clock clock) {
        this.billing = billing;
        this.methods = methods;
        this.gateway = gateway;
        this.payments = payments;
        this.customers = customers;
        this.subscriptions = subscriptions;
        this.transactions = transactions;
        this.clock = clock;
    }

    /**
     * The customer's saved payment methods, newest first. The list is first brought up to date with what Stripe
     * holds for the customer (a card a checkout saved, a card detached elsewhere); when Stripe cannot be asked the
     * rows Kassa has are listed as they are.
     */
    ListResource<CustomerPaymentMethod> list(UUID organizationId, UUID customerId, PageRequest page) {
        Customer customer = liveCustomer(organizationId, customerId);
        if (customer.stripeCustomerId() != null) {
            try {
                List<SavedMethod> saved = gateway.list(customer.stripeCustomerId());
                transactions.executeWithoutResult(status -> synchronize(customer, saved));
            } catch (PaymentMethodGateway.Unavailable e) {
                log.warn("Customer {}: saved payment methods not refreshed from Stripe: {}", customerId, e.getMessage());
            }
        }
        return transactions.execute(status -> ListResource.of(methods.list(customerId, page.limit(), page.offset())
                .stream().map(PaymentMethodService::view).toList(), methods.count(customerId), page));
    }

    /** The id of the customer's default payment method, or null. */
    public UUID defaultOf(UUID customerId) {
        return transactions.execute(status -> methods.findDefault(customerId).map(SavedPaymentMethod::id).orElse(null));
    }

    /**
     * Sets the card of a confirmation token up for later charges (a SetupIntent, off-session usage). A retry with
     * the same token replays Stripe's first answer (the token is the idempotency key), so a card is never saved twice.
     */
    CustomerPaymentMethodCreateResponse add(UUID organizationId, UUID customerId, String confirmationToken,
            boolean setDefault, String returnUrl) {
        Customer live = liveCustomer(organizationId, customerId);
        boolean tokenExists;
        try {
            tokenExists = gateway.confirmationTokenExists(confirmationToken);
        } catch (PaymentMethodGateway.Unavailable e) {
            throw new PaymentProcessorUnavailable("The payment processor could not be reached. Please try again.");
        }
        if (!tokenExists) {
            throw new PaymentMethodSetupFailed("no such confirmation token.");
        }
        Customer customer = withProcessorCustomer(live);
        String key = "kassa_pm_setup_" + Tokens.hash(customer.stripeCustomerId() + "\u001f" + confirmationToken);
        return saved(customer, gateway.setUp(customer.stripeCustomerId(), confirmationToken, returnUrl, key), setDefault);
    }

    /** Finishes a setup that needed the buyer's authentication (3-D Secure). */
    CustomerPaymentMethodCreateResponse confirm(UUID organizationId, UUID customerId, String setupIntentId, boolean setDefault) {
        Customer customer = liveCustomer(organizationId, customerId);
        if (customer.stripeCustomerId() == null) {
            throw new CustomerNotReady();
        }
        SetupOutcome outcome = gateway.retrieveSetup(customer.stripeCustomerId(), setupIntentId);
        if (outcome instanceof SetupOutcome.Declined) {
            ValidationErrors errors = new ValidationErrors();
            errors.add("invalid", List.of("body", "setup_intent_id"), "Invalid setup_intent_id.", setupIntentId);
            errors.throwIfAny();
        }
        return saved(customer, outcome, setDefault);
    }

    /**
     * Detaches the card at Stripe and forgets it. A card a live subscription is billed with stays until another
     * card is set as the default (which moves the subscriptions onto it).
     */
    void delete(UUID organizationId, UUID customerId, UUID id) {
        liveCustomer(organizationId, customerId);
        SavedPaymentMethod method = transactions.execute(status -> methods.findLive(customerId, id)).orElseThrow(ResourceNotFound::new);
        if (billing.billsWith(organizationId, customerId, method.processorId())) {
            throw new PaymentMethodInUseByActiveSubscription();
        }
        try {
            gateway.detach(method.processorId());
        } catch (PaymentMethodGateway.Unavailable e) {
            throw new PaymentProcessorUnavailable("The payment processor could not be reached; the payment method was not removed.");
        }
        transactions.executeWithoutResult(status -> methods.softDelete(id, now()));
        log.info("Customer {}: payment method {} ({}) removed", customerId, id, method.processorId());
    }

    private CustomerPaymentMethodCreateResponse saved(Customer customer, SetupOutcome outcome, boolean setDefault) {
        return switch (outcome) {
            case SetupOutcome.RequiresAction action ->
                    new CustomerPaymentMethodCreateResponse.RequiresAction("requires_action", action.clientSecret());
            case SetupOutcome.Declined declined -> throw new PaymentMethodSetupFailed(declined.message());
            case SetupOutcome.Unavailable unavailable -> {
                log.warn("Customer {}: payment method setup without an answer: {}", customer.id(), unavailable.reason());
                throw new PaymentProcessorUnavailable("The payment processor could not be reached. Please try again.");
            }
            case SetupOutcome.Succeeded succeeded -> {
                if (setDefault) {
                    try {
                        gateway.makeDefault(customer.stripeCustomerId(), succeeded.method().processorId());
                    } catch (PaymentMethodGateway.Unavailable e) {
                        // Kassa bills with its own record of the default; Stripe's is for its dashboard only.
                        log.warn("Customer {}: Stripe's default payment method not updated: {}", customer.id(), e.getMessage());
                    }
                }
                SavedPaymentMethod row = transactions.execute(status -> {
                    Instant now = now();
                    SavedPaymentMethod method = methods.upsert(customer.organizationId(), customer.id(), succeeded.method(), now);
                    if (setDefault) {
                        methods.makeDefault(customer.id(), method.id(), now);
                        useForSubscriptions(customer, method.processorId());
                    }
                    return method;
                });
                log.info("Customer {}: payment method {} ({}) saved{}", customer.id(), row.id(), row.processorId(),
                        setDefault ? " as the default" : "");
                yield new CustomerPaymentMethodCreateResponse.Succeeded("succeeded", view(row));
            }
        };
    }

    /** The customer's live subscriptions are billed with the new default; a past_due one is retried now. */
    private void useForSubscriptions(Customer customer, String processorPaymentMethodId) {
        billing.usePaymentMethod(customer.organizationId(), customer.id(), processorPaymentMethodId);
    }

    private void synchronize(Customer customer, List<SavedMethod> saved) {
        Instant now = now();
        for (SavedMethod method : saved) {
            methods.upsert(customer.organizationId(), customer.id(), method, now);
        }
        methods.forgetAllBut(customer.id(), saved.stream().map(SavedMethod::processorId).toList(), now);
        // With no default chosen yet, the card the customer's subscriptions are billed with is the default.
        subscriptions.findActiveByCustomer(customer.organizationId(), customer.id()).stream()
                .map(Subscription::stripePaymentMethodId).filter(java.util.Objects::nonNull).reduce((first, later) -> later)
                .ifPresent(processorId -> methods.defaultIfNone(customer.id(), processorId, now));
    }

    /** The customer, saved at Stripe first when no payment saved it there yet. */
    private Customer withProcessorCustomer(Customer customer) {
        if (customer.stripeCustomerId() != null) {
            return customer;
        }
        CustomerOutcome outcome = payments.saveCustomer(null, new CustomerDetails(customer.email(), customer.name(),
                customer.billingAddress()), "kassa_customer_" + customer.id());
        return switch (outcome) {
            case CustomerOutcome.Saved saved -> {
                customers.recordProcessorCustomer(customer.id(), saved.customerId());
                yield liveCustomer(customer.organizationId(), customer.id());
            }
            case CustomerOutcome.Rejected rejected -> throw new PaymentMethodSetupFailed(rejected.message());
            case CustomerOutcome.Unavailable unavailable -> throw new PaymentProcessorUnavailable(
                    "The payment processor could not be reached. Please try again.");
        };
    }

    private Customer liveCustomer(UUID organizationId, UUID customerId) {
        return customers.findById(organizationId, customerId).filter(c -> c.deletedAt() == null)
                .orElseThrow(ResourceNotFound::new);
    }

    static CustomerPaymentMethod view(SavedPaymentMethod method) {
        if ("card".equals(method.type()) && method.brand() != null) {
            return new CustomerPaymentMethod.Card(method.id(), method.createdAt(), method.modifiedAt(), "stripe",
                    method.customerId(), "card", new CustomerPaymentMethod.PaymentMethodCardMetadata(method.brand(),
                            method.last4(), method.expMonth() == null ? 0 : method.expMonth(),
                            method.expYear() == null ? 0 : method.expYear(), method.wallet()));
        }
        return new CustomerPaymentMethod.Generic(method.id(), method.createdAt(), method.modifiedAt(), "stripe",
                method.customerId(), method.type());
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }
}
