package dev.kassa.customer;

import dev.kassa.platform.crypto.Tokens;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * Polar's {@code Customer} schema, also embedded as {@code OrderCustomer} and {@code SubscriptionCustomer}, which
 * have the same fields. {@code tax_id} is Polar's {@code [number, format]} pair.
 */
public record CustomerView(UUID id, Instant createdAt, Instant modifiedAt, Map<String, Object> metadata,
        String externalId, String email, boolean emailVerified, String name, Map<String, Object> billingAddress,
        List<String> taxId, UUID organizationId, Instant deletedAt, String avatarUrl) {

    public static CustomerView of(Customer customer) {
        return new CustomerView(customer.id(), customer.createdAt(), customer.modifiedAt(), customer.metadata(),
                customer.externalId(), customer.email(), customer.emailVerified(), customer.name(),
                customer.billingAddress() == null ? null : customer.billingAddress().toJson(), taxId(customer),
                customer.organizationId(), customer.deletedAt(), avatarUrl(customer.email()));
    }

    static List<String> taxId(Customer customer) {
        return customer.taxId() == null ? null : List.of(customer.taxId().value(), customer.taxId().format());
    }

    /** Gravatar of the address, 404 when it has none, as Polar computes it. */
    static String avatarUrl(String email) {
        return "https://www.gravatar.com/avatar/" + Tokens.hash(email.toLowerCase(Locale.ROOT)) + "?d=404";
    }

    /** Polar's {@code CustomerPortalCustomer}: what the buyer sees of themselves. */
    public record PortalCustomerView(Instant createdAt, Instant modifiedAt, UUID id, String email, boolean emailVerified,
            String name, Map<String, Object> billingAddress, List<String> taxId, Map<String, Object> oauthAccounts) {

        static PortalCustomerView of(Customer customer) {
            return new PortalCustomerView(customer.createdAt(), customer.modifiedAt(), customer.id(), customer.email(),
                    customer.emailVerified(), customer.name(),
                    customer.billingAddress() == null ? null : customer.billingAddress().toJson(), CustomerView.taxId(customer), Map.of());
        }
    }

    /** Polar's {@code CustomerSession}; the token appears here only, once. {@code return_url} is null when not given. */
    public record SessionView(Instant createdAt, Instant modifiedAt, UUID id, String token, Instant expiresAt,
            String returnUrl, String customerPortalUrl, UUID customerId, CustomerView customer) {
    }
}
