package dev.kassa.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.LongRange;

class DiscountAmountsProperties {

    private static final long SAFE_AMOUNT = Long.MAX_VALUE / 10_000;

    @Property(seed = "20250101")
    void percentageStaysWithinZeroAndAmount(@ForAll @LongRange(min = 0, max = SAFE_AMOUNT) long amount,
                                            @ForAll @IntRange(min = 1, max = 10_000) int basisPoints) {
        assertThat(DiscountAmounts.percentage(amount, basisPoints)).isBetween(0L, amount);
    }

    @Property(seed = "20250101")
    void fullPercentageIsTheAmount(@ForAll @LongRange(min = 0, max = SAFE_AMOUNT) long amount) {
        assertThat(DiscountAmounts.percentage(amount, 10_000)).isEqualTo(amount);
    }

    @Property(seed = "20250101")
    void percentageIsMonotonicInBasisPoints(@ForAll @LongRange(min = 0, max = SAFE_AMOUNT) long amount,
                                            @ForAll @IntRange(min = 1, max = 10_000) int a,
                                            @ForAll @IntRange(min = 1, max = 10_000) int b) {
        int low = Math.min(a, b);
        int high = Math.max(a, b);
        assertThat(DiscountAmounts.percentage(amount, low)).isLessThanOrEqualTo(DiscountAmounts.percentage(amount, high));
    }

    @Property(seed = "20250101")
    void percentageOverflowThrowsInsteadOfWrapping(@ForAll @LongRange(min = 0) long offset,
                                                   @ForAll @IntRange(min = 2, max = 10_000) int basisPoints) {
        long smallestOverflowing = Long.MAX_VALUE / basisPoints + 1;
        long amount = smallestOverflowing + offset % (Long.MAX_VALUE - smallestOverflowing + 1);
        assertThat(BigInteger.valueOf(amount).multiply(BigInteger.valueOf(basisPoints)).bitLength()).isGreaterThan(63);
        assertThatThrownBy(() -> DiscountAmounts.percentage(amount, basisPoints))
                .isInstanceOf(ArithmeticException.class);
    }

    @Property(seed = "20250101")
    void percentageNeverOverflowsSilently(@ForAll @LongRange(min = 0) long amount,
                                          @ForAll @IntRange(min = 1, max = 10_000) int basisPoints) {
        BigInteger product = BigInteger.valueOf(amount).multiply(BigInteger.valueOf(basisPoints));
        if (product.bitLength() > 63) {
            assertThatThrownBy(() -> DiscountAmounts.percentage(amount, basisPoints))
                    .isInstanceOf(ArithmeticException.class);
        } else {
            assertThat(DiscountAmounts.percentage(amount, basisPoints)).isBetween(0L, amount);
        }
    }

    @Property(seed = "20250101")
    void fixedStaysWithinZeroAndAmount(@ForAll @LongRange(min = 0) long discountAmount,
                                       @ForAll @LongRange(min = 0) long amount) {
        long discount = DiscountAmounts.fixed(discountAmount, amount);
        assertThat(discount).isBetween(0L, amount).isLessThanOrEqualTo(discountAmount);
    }
}
