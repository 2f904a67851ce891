package dev.kassa.payment.stripe;

/** What became of a request to Stripe for an intent. */
public sealed interface IntentOutcome {

    /** Stripe has the intent: succeeded, processing, or waiting for the buyer ({@code requires_action}). */
    record Created(String intentId, String status, String clientSecret) implements IntentOutcome {
        public boolean succeeded() {
            return "succeeded".equals(status);
        }

        /** The payment method was refused after all (for example 3-D Secure failed). */
        public boolean failed() {
            return "requires_payment_method".equals(status) || "canceled".equals(status);
        }
    }

    /** Stripe refused the request: nothing was charged. {@code message} is Stripe's, for the buyer. */
    record Declined(String message) implements IntentOutcome {
    }

    /** No answer (timeout, connection lost, Stripe's own 5xx): the charge may or may not have happened. */
    record Unknown(String reason) implements IntentOutcome {
    }
}
