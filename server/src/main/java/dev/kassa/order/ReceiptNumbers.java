package dev.kassa.order;

import java.util.Optional;
import java.util.Set;

/**
 * An order's receipt number: {@code RCPT-} and its invoice number ({@code RCPT-ACME-0007}), for an order a payment
 * was taken for. Polar numbers receipts per customer when the payment succeeds; Kassa's orders are paid when they
 * commit, which is when they take their invoice number, so deriving the receipt number from it gives a number that
 * is unique, stable and assigned at the same moment, with nothing more to store. An order without a charge (a
 * trial's $0 order, a 100 %-off one) has no receipt, as in Polar.
 */
public final class ReceiptNumbers {

    private static final Set<String> PAID = Set.of("paid", "partially_refunded", "refunded");

    private ReceiptNumbers() {
    }

    public static Optional<String> of(Order order) {
        if (order.invoiceNumber() == null || order.stripePaymentIntentId() == null || !PAID.contains(order.status())) {
            return Optional.empty();
        }
        return Optional.of("RCPT-" + order.invoiceNumber());
    }
}
