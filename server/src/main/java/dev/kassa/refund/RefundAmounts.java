package dev.kassa.refund;

/**
 * The tax part of a refund, as Polar's {@code Order.calculate_refunded_tax_from_subtotal} computes it: the refund's
 * {@code amount} is net (before tax); the tax refunded with it is the order's tax rate applied to it, except that
 * refunding all that is left refunds all the tax that is left, so that a series of refunds gives back exactly the
 * order's tax. What is "left" subtracts both succeeded refunds and those still pending.
 */
final class RefundAmounts {

    private RefundAmounts() {
    }

    /**
     * The tax of a refund of {@code amount} of an order of {@code netAmount} and {@code taxAmount}, of which
     * {@code refundableAmount} and {@code refundableTaxAmount} are left. Python's {@code round} (Polar's) rounds half
     * to even: so does this, on exact integers instead of floats.
     *
     * @throws IllegalArgumentException when {@code amount} is not between 1 and {@code refundableAmount}
     */
    static long taxOf(long netAmount, long taxAmount, long refundableAmount, long refundableTaxAmount, long amount) {
        if (amount <= 0 || amount > refundableAmount) {
            throw new IllegalArgumentException("amount " + amount + " is not in 1.." + refundableAmount);
        }
        if (amount == refundableAmount) {
            return refundableTaxAmount;
        }
        if (taxAmount <= 0 || netAmount <= 0) {
            return 0;
        }
        long tax = divideHalfEven(Math.multiplyExact(amount, taxAmount), netAmount);
        return Math.min(tax, refundableTaxAmount);
    }

    /** {@code numerator / denominator} (both non-negative, denominator positive) rounded half to even. */
    static long divideHalfEven(long numerator, long denominator) {
        long quotient = numerator / denominator;
        long remainder = numerator % denominator;
        long rest = denominator - remainder;
        if (remainder > rest || (remainder == rest && quotient % 2 != 0)) {
            return quotient + 1;
        }
        return quotient;
    }
}
