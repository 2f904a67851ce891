package dev.kassa.checkout;

/** The names of the checkout domain's meters (README "Observability"). */
final class CheckoutMetrics {

    /** Counter {@code kassa_checkouts_total{event}}: created, confirmed, succeeded, failed (a payment failed; open again), expired. */
    static final String CHECKOUTS = "kassa.checkouts";

    private CheckoutMetrics() {
    }
}
