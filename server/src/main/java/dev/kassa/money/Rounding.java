package dev.kassa.money;

/**
 * The one rounding rule for money: to the nearest integer, ties away from zero. It is Polar's {@code polar_round}
 * on exact integers instead of floats ({@code 299.5 -> 300}, {@code -299.5 -> -300}).
 */
public final class Rounding {

    private Rounding() {
    }

    /**
     * {@code numerator / denominator} rounded to the nearest integer, ties away from zero.
     *
     * <p>Invariants: the result is within 1/2 of the exact quotient; exact halves move away from zero; the rule is
     * symmetric, {@code f(-n, d) == -f(n, d)}. It cannot overflow: the remainder is smaller than the denominator,
     * and a quotient is only moved by one when the denominator is at least 2.
     *
     * @throws IllegalArgumentException if {@code denominator <= 0}
     */
    public static long divideHalfAwayFromZero(long numerator, long denominator) {
        if (denominator <= 0) {
            throw new IllegalArgumentException("denominator must be positive: " + denominator);
        }
        long quotient = numerator / denominator; // truncates toward zero
        long remainder = Math.abs(numerator % denominator); // |remainder| < denominator, so abs is safe
        // remainder / denominator >= 1/2, written without doubling so it cannot overflow
        if (remainder >= denominator - remainder) {
            return numerator < 0 ? quotient - 1 : quotient + 1;
        }
        return quotient;
    }
}
