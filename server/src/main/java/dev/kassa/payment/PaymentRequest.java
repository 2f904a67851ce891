package dev.kassa.payment;

import java.util.Map;

/**
 * What a confirm asks the processor for: a PaymentIntent for {@code amount} now, or (amount null) a SetupIntent
 * that saves the payment method for later charges. Stored with the attempt so that it can be replayed exactly.
 * {@code customer} is the processor's customer when it was known before the attempt; otherwise the attempt saves
 * the buyer's details ({@code customerDetails}) first.
 */
public record PaymentRequest(Kind kind, Long amount, String currency, String confirmationToken, String customer,
        CustomerDetails customerDetails, String description, String statementDescriptorSuffix, String returnUrl,
        boolean saveForOffSession, Map<String, String> metadata) {

    public enum Kind {
        PAYMENT_INTENT, SETUP_INTENT;

        public String wireName() {
            return name().toLowerCase();
        }
    }

    public PaymentRequest {
        metadata = Map.copyOf(metadata);
    }

    public PaymentRequest withCustomer(String processorCustomerId) {
        return new PaymentRequest(kind, amount, currency, confirmationToken, processorCustomerId, customerDetails, description,
                statementDescriptorSuffix, returnUrl, saveForOffSession, metadata);
    }

    public PaymentRequest withMetadata(String key, String value) {
        Map<String, String> tagged = new java.util.LinkedHashMap<>(metadata);
        tagged.put(key, value);
        return new PaymentRequest(kind, amount, currency, confirmationToken, customer, customerDetails, description,
                statementDescriptorSuffix, returnUrl, saveForOffSession, tagged);
    }
}
