package dev.kassa.customer.schemas;

import dev.kassa.platform.crypto.Tokens;
import dev.kassa.subscription.Subscription;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Builds the customer's response records. */
public final class CustomerSchemas {

    static final String INDIVIDUAL = "individual";

    private CustomerSchemas() {
    }

    public static Customer customer(dev.kassa.customer.Customer customer) {
        return new Customer(customer.id(), customer.createdAt(), customer.modifiedAt(), customer.metadata(),
                customer.externalId(), customer.email(), customer.emailVerified(), INDIVIDUAL, customer.name(),
                customer.billingName(), billingAddress(customer), taxId(customer), customer.locale(),
                customer.organizationId(), null, customer.deletedAt(), null, avatarUrl(customer.email()));
    }

    /** Polar's {@code CustomerState}: the customer and those of its subscriptions that are active or trialing. */
    public static CustomerState state(dev.kassa.customer.Customer customer, List<Subscription> active) {
        return new CustomerState(customer(customer), active.stream().map(CustomerSchemas::stateSubscription).toList(),
                List.of(), List.of());
    }

    private static CustomerStateSubscription stateSubscription(Subscription s) {
        return new CustomerStateSubscription(s.id(), s.createdAt(), s.modifiedAt(), s.customFieldData(), s.metadata(),
                s.status().wireName(), s.amount(), s.currency(), s.recurringInterval().wireName(),
                s.currentPeriodStart(), s.currentPeriodEnd(), s.trialStart(), s.trialEnd(), s.cancelAtPeriodEnd(),
                s.canceledAt(), s.startedAt(), s.endsAt(), s.productId(), s.discountId(), s.priceId(), List.of(),
                null, null);
    }

    public static CustomerPortalCustomer portal(dev.kassa.customer.Customer customer) {
        return portal(customer, null);
    }

    /** {@code defaultPaymentMethodId}: Kassa's id of the customer's default saved payment method, or null. */
    public static CustomerPortalCustomer portal(dev.kassa.customer.Customer customer, java.util.UUID defaultPaymentMethodId) {
        return new CustomerPortalCustomer(customer.createdAt(), customer.modifiedAt(), customer.id(), customer.email(),
                customer.emailVerified(), customer.name(), customer.billingName(), billingAddress(customer),
                taxId(customer), Map.of(), defaultPaymentMethodId == null ? null : defaultPaymentMethodId.toString(),
                INDIVIDUAL, customer.locale());
    }

    private static Map<String, Object> billingAddress(dev.kassa.customer.Customer customer) {
        return customer.billingAddress() == null ? null : customer.billingAddress().toJson();
    }

    private static List<String> taxId(dev.kassa.customer.Customer customer) {
        return customer.taxId() == null ? null : List.of(customer.taxId().value(), customer.taxId().format());
    }

    /** Gravatar of the address, 404 when it has none, as Polar computes it. */
    static String avatarUrl(String email) {
        return "https://www.gravatar.com/avatar/" + Tokens.hash(email.toLowerCase(Locale.ROOT)) + "?d=404";
    }
}
