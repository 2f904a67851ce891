package dev.kassa.refund;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

class RefundAmountsProperties {

    /** An order (net, tax) and a series of refund amounts that refund all of its net amount. */
    record Series(long net, long tax, List<Long> amounts) {
    }

    @Provide
    Arbitrary<Series> series() {
        Arbitrary<Long> net = Arbitraries.longs().between(1, 10_000_000);
        return net.flatMap(n -> Combinators.combine(
                Arbitraries.longs().between(0, n),
                Arbitraries.longs().between(1, n).list().ofMinSize(0).ofMaxSize(8))
                .as((tax, cuts) -> new Series(n, tax, split(n, cuts))));
    }

    /** {@code total} cut at the given points: positive parts that add up to it. */
    private static List<Long> split(long total, List<Long> cuts) {
        List<Long> points = cuts.stream().distinct().sorted().filter(c -> c < total).toList();
        java.util.ArrayList<Long> parts = new java.util.ArrayList<>();
        long previous = 0;
        for (long point : points) {
            parts.add(point - previous);
            previous = point;
        }
        parts.add(total - previous);
        return parts;
    }

    @Property(seed = "20261202")
    void refundsOfTheWholeNetAmountGiveBackExactlyTheOrdersTax(@ForAll("series") Series s) {
        long refundable = s.net();
        long refundableTax = s.tax();
        long refundedTax = 0;
        for (long amount : s.amounts()) {
            long tax = RefundAmounts.taxOf(s.net(), s.tax(), refundable, refundableTax, amount);
            assertThat(tax).isBetween(0L, refundableTax);
            refundable -= amount;
            refundableTax -= tax;
            refundedTax += tax;
        }
        assertThat(refundable).isZero();
        assertThat(refundedTax).isEqualTo(s.tax());
    }

    @Property(seed = "20261202")
    void aPartialRefundsTaxIsTheOrdersRateRoundedToTheNearestCentUnlessLessTaxIsLeft(
            @ForAll @LongRange(min = 2, max = 100_000_000) long net, @ForAll @LongRange(min = 0, max = 100_000_000) long tax,
            @ForAll @LongRange(min = 1, max = 100_000_000) long amount, @ForAll @LongRange(min = 0, max = 100_000_000) long taxLeft) {
        long partial = Math.min(amount, net - 1);
        long result = RefundAmounts.taxOf(net, tax, net, Math.min(taxLeft, tax), partial);
        // |exact - result| <= 1/2 where exact = partial * tax / net, unless capped: then the exact share is at
        // least the cap less 1/2
        long cap = Math.min(taxLeft, tax);
        BigInteger error = BigInteger.valueOf(result).multiply(BigInteger.valueOf(net))
                .subtract(BigInteger.valueOf(partial).multiply(BigInteger.valueOf(tax)));
        if (result < cap) {
            assertThat(error.abs().shiftLeft(1)).isLessThanOrEqualTo(BigInteger.valueOf(net));
        } else {
            assertThat(result).isEqualTo(cap);
            assertThat(error.shiftLeft(1)).isLessThanOrEqualTo(BigInteger.valueOf(net));
        }
    }

    @Property(seed = "20261202")
    void halfEvenAgreesWithBigDecimal(@ForAll @LongRange(min = 0, max = Long.MAX_VALUE) long n,
            @ForAll @LongRange(min = 1, max = Long.MAX_VALUE) long d) {
        long expected = new BigDecimal(n).divide(new BigDecimal(d), 0, RoundingMode.HALF_EVEN).longValueExact();
        assertThat(RefundAmounts.divideHalfEven(n, d)).isEqualTo(expected);
    }
}
