package dev.kassa.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * One attempt to have a checkout paid: recorded with everything needed to finish it (the request to the
 * processor and the checkout's priced {@code snapshot}, as JSON the checkout domain owns) before any call.
 * Attempts of a checkout are numbered 1, 2, ...; the highest number is the current one. {@code nextCheckAt} is when
 * the reconciliation job looks at it next: set while its outcome is unknown or open, and, once it succeeded, until
 * its checkout is fulfilled. {@code paymentMethodId} is the processor's PaymentMethod its intent used (and saved, for a
 * recurring product), once known.
 */
public record PaymentAttempt(UUID id, UUID checkoutId, UUID organizationId, int number, String idempotencyKey, Kind kind,
        PaymentRequest request, String snapshot, Status status, String intentId, String intentStatus, Long intentAmount,
        String intentCurrency, String processorCustomerId, int checks, Instant nextCheckAt, Instant flaggedAt, Instant createdAt,
        Instant updatedAt, String paymentMethodId) {

    public enum Kind {
        PAYMENT_INTENT, SETUP_INTENT, FREE;

        public String wireName() {
            return name().toLowerCase();
        }

        static Kind of(String wireName) {
            return valueOf(wireName.toUpperCase());
        }
    }

    public enum Status {
        /** Recorded; what the processor did is not known yet. */
        PENDING,
        /** The processor has the intent, not final yet (processing, or waiting for the buyer's 3-D Secure). */
        CREATED,
        /** Charged, the payment method saved, or nothing to charge. */
        SUCCEEDED,
        /** The intent failed: nothing charged. */
        FAILED,
        /** The processor refused the request: nothing charged. */
        DECLINED;

        public boolean resolved() {
            return this != PENDING && this != CREATED;
        }

        public boolean charged() {
            return this == SUCCEEDED;
        }

        String wireName() {
            return name().toLowerCase();
        }
    }

    /** Succeeded, and its order not made yet. */
    public boolean awaitsFulfilment() {
        return status == Status.SUCCEEDED && nextCheckAt != null;
    }

    /** The processor customer this attempt pays with: recorded after it was saved, else the request's. */
    public String customer() {
        return processorCustomerId != null ? processorCustomerId : request == null ? null : request.customer();
    }
}
