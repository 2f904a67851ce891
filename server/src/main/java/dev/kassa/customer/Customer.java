package dev.kassa.customer;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * A buyer of an organization. {@code deletedAt} is set once the customer is soft-deleted: such a customer is
 * invisible to the API but still referenced by its orders and subscriptions.
 */
public record Customer(UUID id, UUID organizationId, String email, boolean emailVerified, String name,
        String billingName, Address billingAddress, TaxId taxId, String locale, String externalId,
        String stripeCustomerId, Map<String, Object> metadata, Instant createdAt, Instant modifiedAt,
        Instant deletedAt) {

    public Customer {
        metadata = metadata == null ? Map.of() : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    public boolean deleted() {
        return deletedAt != null;
    }

    /** The name to print on an invoice: the billing name, else the name (Polar's {@code Customer.billing_name}). */
    public String invoiceName() {
        return billingName != null ? billingName : name;
    }
}
