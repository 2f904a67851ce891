package dev.kassa.payment;

/**
 * Reacts to a payment processor event inside the transaction that marks it processed, so the effect and the bookkeeping
 * commit together. Implementations must be idempotent: Stripe delivers at least once and in any order.
 */
public interface PaymentEventHandler {

    enum Outcome {
        /** Handled, or nothing to do. */
        DONE,
        /** Not yet possible (for example the checkout's confirm has not committed): try again later. */
        RETRY
    }

    Outcome handle(PaymentEvent event);
}
