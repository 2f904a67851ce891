package dev.kassa.payment;

import java.util.Map;
import java.util.UUID;

/**
 * Refunds at the payment processor, as Kassa's refunds see them: a small port, implemented for Stripe in
 * {@code dev.kassa.payment.stripe}. Every call is a network call: callers hold no database transaction or pooled
 * connection while making one.
 */
public interface RefundGateway {

    /** The refund metadata key naming Kassa's refund, so that events and look-ups find their refund exactly. */
    String REFUND_METADATA_KEY = "kassa_refund_id";

    /**
     * What Kassa asks the processor to give back: {@code amount} (tax included) of the charge of the PaymentIntent
     * {@code paymentIntentId}, for {@code reason} ({@code duplicate}, {@code fraudulent}, {@code requested_by_customer}).
     */
    record RefundRequest(String paymentIntentId, long amount, String reason, Map<String, String> metadata) {
    }

    /** What the processor says about a refund. Only {@link Declined} means "nothing was refunded". */
    sealed interface RefundOutcome {

        /**
         * The processor has the refund: {@code pending} (or {@code requires_action}), {@code succeeded}, {@code failed}
         * or {@code canceled}; {@code failureReason} as the processor names it.
         */
        record Created(String refundId, String status, long amount, String failureReason, Map<String, String> metadata)
                implements RefundOutcome {
        }

        /** The processor refused the request and says so (a 400 or 402: already refunded, disputed, too much). */
        record Declined(String message, String code) implements RefundOutcome {
        }

        /** A look-up found no refund for Kassa's refund. */
        record NotFound() implements RefundOutcome {
        }

        /** No usable answer (timeout, connection lost, 401/403, a 5xx, a 404 for a known refund, an idempotency conflict). */
        record Unknown(String reason) implements RefundOutcome {
        }
    }

    /** Creates the refund; the key makes a replay return the first call's refund. */
    RefundOutcome create(RefundRequest request, String idempotencyKey);

    /** The refund's current state. */
    RefundOutcome retrieve(String refundId);

    /**
     * The refund Kassa's refund {@code refundId} made, found by its {@value #REFUND_METADATA_KEY} metadata among the
     * refunds of the PaymentIntent (a list, which unlike Stripe's search is consistent at once).
     */
    RefundOutcome findByRefund(String paymentIntentId, UUID refundId);
}
