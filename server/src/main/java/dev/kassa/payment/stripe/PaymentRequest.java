package dev.kassa.payment.stripe;

import java.util.Map;

/**
 * What a confirm asks Stripe for: a PaymentIntent for {@code amount} now, or (amount null) a SetupIntent that
 * saves the payment method for later charges. Stored with the attempt so that it can be replayed exactly.
 */
public record PaymentRequest(Kind kind, Long amount, String currency, String confirmationToken, String customer,
        String description, String statementDescriptorSuffix, String returnUrl, boolean saveForOffSession,
        Map<String, String> metadata) {

    public enum Kind {
        PAYMENT_INTENT, SETUP_INTENT;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    public PaymentRequest {
        metadata = Map.copyOf(metadata);
    }
}
