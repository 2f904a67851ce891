package dev.kassa.payment;

import java.util.Map;

/**
 * A charge made without the buyer ({@code off_session}, confirmed at once) on a PaymentMethod saved earlier, for a
 * customer at the processor: a renewal's. Stored with the attempt, so that a look-up or a replay asks for exactly it.
 */
public record OffSessionCharge(long amount, String currency, String customer, String paymentMethod, String description,
        String statementDescriptorSuffix, Map<String, String> metadata) {

    public OffSessionCharge {
        metadata = Map.copyOf(metadata);
    }
}
