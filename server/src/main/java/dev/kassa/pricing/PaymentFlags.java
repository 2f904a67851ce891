package dev.kassa.pricing;

/**
 * Whether a checkout needs a payment now, a saved payment method for later, and so a payment form
 * (reference 2.3).
 *
 * <p>{@code paymentRequired} is Polar's {@code total_amount > 0 and no trial}. Tax is never negative and is 0 on
 * a zero amount, so the total is positive exactly when the discounted amount is; this avoids a cycle, since
 * whether tax is calculated at all depends on whether a payment form is needed.
 */
public record PaymentFlags(boolean paymentRequired, boolean paymentSetupRequired, boolean paymentFormRequired) {

    /** What the flags are computed from. */
    public record Inputs(boolean productSelected, boolean freeProductPrice, boolean recurring, boolean hasMeteredPrices,
            long amount, long discountAmount, boolean hundredPercentForeverDiscount, boolean trialActive) {
    }

    public static PaymentFlags of(Inputs in) {
        boolean paymentRequired = in.amount() - in.discountAmount() > 0 && !in.trialActive();
        boolean setupRequired = setupRequired(in);
        return new PaymentFlags(paymentRequired, setupRequired, paymentRequired || setupRequired);
    }

    /** Polar's rules, evaluated in order. */
    private static boolean setupRequired(Inputs in) {
        if (!in.productSelected()) {
            return false;
        }
        if (in.freeProductPrice()) {
            return false;
        }
        if (in.amount() == 0 && !in.hasMeteredPrices()) {
            return false;
        }
        if (in.hundredPercentForeverDiscount()) {
            return false;
        }
        return in.recurring();
    }
}
