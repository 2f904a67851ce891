package dev.kassa.payment;

import java.time.Instant;
import java.util.List;

/**
 * A buyer's saved payment methods at the processor, as the customer portal manages them. Every call is a network
 * call: callers hold no database transaction or pooled connection while making one.
 */
public interface PaymentMethodGateway {

    /** A saved payment method: the processor's id, its type ({@code card}, ...) and, for a card, what it shows. */
    record SavedMethod(String processorId, String type, String brand, String last4, Long expMonth, Long expYear,
            String wallet, Instant createdAt) {
    }

    /** What became of setting a payment method up. */
    sealed interface SetupOutcome {
        record Succeeded(String setupIntentId, SavedMethod method) implements SetupOutcome {
        }

        /** The buyer must authenticate (3-D Secure) with the intent's client secret, then confirm it. */
        record RequiresAction(String setupIntentId, String clientSecret) implements SetupOutcome {
        }

        /** The processor refused the card (a decline, an invalid or used token): nothing was saved. */
        record Declined(String message) implements SetupOutcome {
        }

        /** No usable answer; the buyer may retry (the same token replays the first answer). */
        record Unavailable(String reason) implements SetupOutcome {
        }
    }

    /** The customer's saved payment methods; throws {@link Unavailable} when the processor cannot be asked. */
    List<SavedMethod> list(String processorCustomerId);

    /**
     * Whether the processor knows the confirmation token (false only on its explicit "no such token"); asked before
     * anything is saved, so that a made-up token changes nothing. Throws {@link Unavailable} when it cannot be asked.
     */
    boolean confirmationTokenExists(String confirmationToken);

    /** Sets up the payment method of a confirmation token for off-session use by the customer. */
    SetupOutcome setUp(String processorCustomerId, String confirmationToken, String returnUrl, String idempotencyKey);

    /** The state of a setup the buyer finished (3-D Secure); {@code Declined} when it is not this customer's. */
    SetupOutcome retrieveSetup(String processorCustomerId, String setupIntentId);

    /** Makes the payment method the customer's default for invoices and off-session charges. */
    void makeDefault(String processorCustomerId, String processorPaymentMethodId);

    /** Detaches the payment method from its customer: it can no longer be charged. */
    void detach(String processorPaymentMethodId);

    /** The processor could not be asked. */
    final class Unavailable extends RuntimeException {
        public Unavailable(String reason, Throwable cause) {
            super(reason, cause);
        }
    }
}
