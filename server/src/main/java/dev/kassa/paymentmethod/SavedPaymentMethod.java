package dev.kassa.paymentmethod;

import java.time.Instant;
import java.util.UUID;

/** A buyer's saved payment method, with Kassa's id for it and the processor's ({@code pm_...}). */
record SavedPaymentMethod(UUID id, UUID organizationId, UUID customerId, String processorId, String type, String brand,
        String last4, Long expMonth, Long expYear, String wallet, boolean isDefault, Instant createdAt, Instant modifiedAt) {
}
