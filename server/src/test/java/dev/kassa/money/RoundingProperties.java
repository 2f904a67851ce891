package dev.kassa.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class RoundingProperties {

    @Property(seed = "20250101")
    void isSymmetric(@ForAll @LongRange(min = -Long.MAX_VALUE, max = Long.MAX_VALUE) long n,
                     @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long d) {
        assertThat(Rounding.divideHalfAwayFromZero(-n, d)).isEqualTo(-Rounding.divideHalfAwayFromZero(n, d));
    }

    @Property(seed = "20250101")
    void isWithinHalfOfTheExactQuotient(@ForAll long n, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long d) {
        long result = Rounding.divideHalfAwayFromZero(n, d);
        // |result - n/d| <= 1/2  <=>  |2 * (result * d - n)| <= d, checked exactly
        BigInteger error = BigInteger.valueOf(result).multiply(BigInteger.valueOf(d)).subtract(BigInteger.valueOf(n));
        assertThat(error.abs().shiftLeft(1)).isLessThanOrEqualTo(BigInteger.valueOf(d));
    }

    @Property(seed = "20250101")
    void tiesGoAwayFromZero(@ForAll @LongRange(min = -1_000_000_000_000L, max = 1_000_000_000_000L) long whole,
                            @ForAll @LongRange(min = 1, max = 1_000_000) long half) {
        long d = 2 * half;
        long n = whole * d + (whole < 0 ? -half : half); // exactly whole ± 1/2
        long expected = whole < 0 ? whole - 1 : whole + 1;
        assertThat(Rounding.divideHalfAwayFromZero(n, d)).isEqualTo(expected);
    }

    @Property(seed = "20250101")
    void agreesWithBigDecimalHalfUp(@ForAll long n, @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long d) {
        // BigDecimal's HALF_UP is "ties away from zero"
        long expected = new BigDecimal(n).divide(new BigDecimal(d), 0, java.math.RoundingMode.HALF_UP)
                .longValueExact();
        assertThat(Rounding.divideHalfAwayFromZero(n, d)).isEqualTo(expected);
    }
}
