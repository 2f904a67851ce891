package dev.kassa.pricing;

/**
 * The amounts of a checkout, as Polar computes them (reference 2.3), in minor units.
 *
 * <p>Invariants, checked on construction by {@link #of}:
 * <ul>
 *   <li>{@code 0 <= discountAmount <= amount};</li>
 *   <li>{@code netAmount = amount - discountAmount - (taxAmount if inclusive)}, never negative;</li>
 *   <li>{@code totalAmount = netAmount + (taxAmount or 0)}: for inclusive tax that is
 *       {@code amount - discountAmount}, for exclusive tax {@code amount - discountAmount + taxAmount};</li>
 *   <li>{@code taxAmount} is null while no tax was calculated (no billing address yet, or a logical tax error).</li>
 * </ul>
 */
public record CheckoutAmounts(long amount, long discountAmount, long netAmount, Long taxAmount,
        TaxResult.Behavior taxBehavior, long totalAmount) {

    public static CheckoutAmounts of(long amount, long discountAmount, TaxResult tax) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount is negative: " + amount);
        }
        if (discountAmount < 0 || discountAmount > amount) {
            throw new IllegalArgumentException("discount " + discountAmount + " outside [0, " + amount + "]");
        }
        long afterDiscount = Math.subtractExact(amount, discountAmount);
        if (tax == null) {
            return new CheckoutAmounts(amount, discountAmount, afterDiscount, null, null, afterDiscount);
        }
        return switch (tax.behavior()) {
            case INCLUSIVE -> {
                if (tax.amount() > afterDiscount) {
                    throw new IllegalArgumentException("inclusive tax " + tax.amount() + " exceeds the discounted amount " + afterDiscount);
                }
                yield new CheckoutAmounts(amount, discountAmount, afterDiscount - tax.amount(), tax.amount(),
                        tax.behavior(), afterDiscount);
            }
            case EXCLUSIVE -> new CheckoutAmounts(amount, discountAmount, afterDiscount, tax.amount(), tax.behavior(),
                    Math.addExact(afterDiscount, tax.amount()));
        };
    }

    /** The amount tax is calculated on: what the buyer pays before tax, after the discount. */
    public long taxableAmount() {
        return amount - discountAmount;
    }
}
