package dev.kassa.payment;

import java.time.Instant;
import java.util.UUID;

/**
 * The payment processor as Kassa's checkout sees it: a small port, implemented for Stripe in
 * {@code dev.kassa.payment.stripe}. Every call is a network call: callers hold no database transaction or pooled
 * connection while making one.
 */
public interface PaymentGateway {

    /** The intent metadata key naming the attempt, so that events and look-ups find their attempt exactly. */
    String ATTEMPT_METADATA_KEY = "kassa_attempt_id";

    /** The intent metadata key naming a renewal's attempt (an off-session charge), as {@link #ATTEMPT_METADATA_KEY} does a checkout's. */
    String RENEWAL_METADATA_KEY = "kassa_renewal_attempt_id";

    /** The key browsers use with the processor's JavaScript (Stripe.js), shown to the buyer's page. */
    String publishableKey();

    /** What became of saving the buyer at the processor. */
    sealed interface CustomerOutcome {
        record Saved(String customerId) implements CustomerOutcome {
        }

        /** The processor refused the details (an HTTP 4xx such as a rejected address): the buyer can fix them. */
        record Rejected(String message) implements CustomerOutcome {
        }

        /** The processor could not be reached or is not authorized: nothing was charged. */
        record Unavailable(String reason) implements CustomerOutcome {
        }
    }

    /**
     * Creates the buyer's processor customer (when {@code customerId} is null, under {@code idempotencyKey}) or
     * updates it; a customer deleted at the processor is replaced.
     */
    CustomerOutcome saveCustomer(String customerId, CustomerDetails details, String idempotencyKey);

    /** Creates and confirms the intent; the key makes a replay return the first call's intent. */
    IntentOutcome createIntent(PaymentRequest request, String idempotencyKey);

    /** The intent's current state. */
    IntentOutcome retrieve(PaymentRequest.Kind kind, String intentId);

    /**
     * The intent an attempt made, found by its {@value #ATTEMPT_METADATA_KEY} metadata: among the customer's intents
     * created since {@code notBefore} when the customer is known, else by searching. {@link IntentOutcome.NotFound}
     * when there is none.
     */
    IntentOutcome findByAttempt(PaymentRequest.Kind kind, UUID attemptId, String customerId, Instant notBefore);

    /**
     * Creates and confirms an off-session PaymentIntent on a saved PaymentMethod ({@code off_session=true},
     * {@code confirm=true}); the key makes a replay return the first call's intent. A card declined is
     * {@link IntentOutcome.Declined} with its decline code.
     */
    IntentOutcome chargeOffSession(OffSessionCharge charge, String idempotencyKey);

    /**
     * The PaymentIntent whose metadata has {@code key} = {@code value}, among the customer's intents created since
     * {@code notBefore}; {@link IntentOutcome.NotFound} when there is none.
     */
    IntentOutcome findPaymentIntentByMetadata(String key, String value, String customerId, Instant notBefore);

    /** Cancels an intent the buyer abandoned, then reports its state (it may have succeeded meanwhile). */
    IntentOutcome cancelAbandoned(PaymentRequest.Kind kind, String intentId);
}
