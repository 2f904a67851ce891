package dev.kassa.payment.stripe;

import java.util.List;

/**
 * The Stripe events Kassa's webhook endpoint subscribes to (a Stripe endpoint's {@code enabled_events}): the final
 * outcomes of PaymentIntents and SetupIntents. Anything else is acknowledged and ignored, so subscribing to more
 * only costs requests; {@code charge.succeeded} is still understood when a live endpoint sends it.
 */
public final class StripeWebhookEvents {

    public static final List<String> ENABLED = List.of("payment_intent.succeeded", "payment_intent.payment_failed",
            "payment_intent.canceled", "setup_intent.succeeded", "setup_intent.setup_failed", "setup_intent.canceled",
            // Refunds (dev.kassa.refund.RefundSettlement).
            "refund.created", "refund.updated", "refund.failed", "charge.refunded", "charge.refund.updated");

    private StripeWebhookEvents() {
    }
}
