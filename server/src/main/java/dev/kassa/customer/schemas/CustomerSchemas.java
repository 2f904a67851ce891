package dev.kassa.customer.schemas;

import dev.kassa.platform.crypto.Tokens;
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

    public static CustomerPortalCustomer portal(dev.kassa.customer.Customer customer) {
        return new CustomerPortalCustomer(customer.createdAt(), customer.modifiedAt(), customer.id(), customer.email(),
                customer.emailVerified(), customer.name(), customer.billingName(), billingAddress(customer),
                taxId(customer), Map.of(), null, INDIVIDUAL, customer.locale());
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
