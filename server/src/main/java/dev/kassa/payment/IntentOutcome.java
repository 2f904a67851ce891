package dev.kassa.payment;

/**
 * What the payment processor says about an intent. Only {@link Declined} and a {@link Created} intent that
 * {@linkplain Created#failed() failed} mean "nothing was charged"; everything Kassa cannot see is {@link Unknown}
 * and is settled later by looking the intent up.
 */
public sealed interface IntentOutcome {

    /**
     * The processor has the intent: succeeded, processing, waiting for the buyer ({@code requires_action}), or failed.
     * {@code paymentMethodId} is the PaymentMethod it used (and, with {@code setup_future_usage} or a SetupIntent,
     * saved for later off-session charges), when known.
     */
    record Created(String intentId, String status, String clientSecret, Long amount, String currency, String paymentMethodId)
            implements IntentOutcome {

        public Created(String intentId, String status, String clientSecret, Long amount, String currency) {
            this(intentId, status, clientSecret, amount, currency, null);
        }

        public boolean succeeded() {
            return "succeeded".equals(status);
        }

        /**
         * Final without a charge: canceled. An intent back in {@code requires_payment_method} (3-D Secure failed) is
         * not final at Stripe, since whoever holds its client secret may confirm it again; Kassa cancels it first
         * ({@link #needsCancel()}) and only then counts it as failed.
         */
        public boolean failed() {
            return "canceled".equals(status);
        }

        /** Refused, but still confirmable: to be canceled before its checkout may reopen. */
        public boolean needsCancel() {
            return "requires_payment_method".equals(status);
        }

        /** Waiting for the buyer (3-D Secure) or for the processor. */
        public boolean open() {
            return !succeeded() && !failed();
        }
    }

    /** The processor refused the request and says so (a decline, an invalid request): nothing was charged. */
    record Declined(String message, String code) implements IntentOutcome {
    }

    /**
     * The processor did not process the request because it was not authorized (401/403: a wrong or rotated key).
     * For a request made for the first time that means nothing was charged; for a replay it says nothing about
     * the first request, so reconciliation treats it as {@link Unknown}.
     */
    record Refused(String reason) implements IntentOutcome {
    }

    /** A look-up found no intent for the attempt. */
    record NotFound() implements IntentOutcome {
    }

    /** No usable answer (timeout, connection lost, a 5xx, a 404 for a known intent, an idempotency conflict). */
    record Unknown(String reason) implements IntentOutcome {
    }
}
