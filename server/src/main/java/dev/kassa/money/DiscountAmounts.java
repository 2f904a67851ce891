package dev.kassa.money;

/** How much a discount takes off an amount (Polar's {@code Discount.get_discount_amount}), in minor units. */
public final class DiscountAmounts {

    /** 100 % in basis points. */
    public static final int MAX_BASIS_POINTS = 10_000;

    private DiscountAmounts() {
    }

    /**
     * A percentage discount: {@code amount * basisPoints / 10000}, rounded half away from zero.
     *
     * <p>Invariants: {@code 0 <= result <= amount}; {@code basisPoints == 10000} gives exactly {@code amount}; the
     * result never decreases when {@code basisPoints} grows.
     *
     * @param amount      the amount the discount applies to, {@code >= 0}
     * @param basisPoints 1..10000 (10000 = 100 %)
     * @throws IllegalArgumentException if an argument is out of range
     * @throws ArithmeticException      if {@code amount * basisPoints} overflows a {@code long}
     */
    public static long percentage(long amount, int basisPoints) {
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0: " + amount);
        }
        if (basisPoints < 1 || basisPoints > MAX_BASIS_POINTS) {
            throw new IllegalArgumentException("basis points must be within 1..10000: " + basisPoints);
        }
        return Rounding.divideHalfAwayFromZero(Math.multiplyExact(amount, (long) basisPoints), MAX_BASIS_POINTS);
    }

    /**
     * A fixed discount: its amount in the checkout currency, capped at the amount it applies to.
     *
     * <p>Invariants: {@code 0 <= result <= amount} and {@code result <= discountAmount}. Negative inputs are
     * rejected rather than clamped.
     *
     * @param discountAmount the discount's amount for the currency, {@code >= 0}
     * @param amount         the amount the discount applies to, {@code >= 0}
     * @throws IllegalArgumentException if an argument is negative
     */
    public static long fixed(long discountAmount, long amount) {
        if (discountAmount < 0) {
            throw new IllegalArgumentException("discount amount must be >= 0: " + discountAmount);
        }
        if (amount < 0) {
            throw new IllegalArgumentException("amount must be >= 0: " + amount);
        }
        return Math.min(discountAmount, amount);
    }
}
