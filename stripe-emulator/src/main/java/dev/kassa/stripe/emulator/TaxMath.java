package dev.kassa.stripe.emulator;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;

/**
 * Tax amounts in integer minor units, computed in {@link BigDecimal} (never {@code double}) and rounded half away
 * from zero ({@link RoundingMode#HALF_UP}, which BigDecimal applies symmetrically to negative numbers):
 *
 * <ul>
 *   <li>exclusive: {@code tax = round(amount × rate)}</li>
 *   <li>inclusive: {@code tax = amount − round(amount / (1 + rate))}</li>
 * </ul>
 *
 * Rates are percentages ({@code 19}, {@code 9.975}). Each line item is computed on its own, then summed.
 */
public final class TaxMath {

    private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

    private TaxMath() {
    }

    /** {@code round(amount × percent / 100)}. */
    public static long exclusiveTax(long amount, BigDecimal percent) {
        return BigDecimal.valueOf(amount).multiply(percent).divide(HUNDRED, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** The net part of a tax-inclusive amount: {@code round(amount / (1 + percent / 100))}. */
    public static long inclusiveNet(long amount, BigDecimal percent) {
        BigDecimal divisor = HUNDRED.add(percent);
        return BigDecimal.valueOf(amount).multiply(HUNDRED).divide(divisor, 0, RoundingMode.HALF_UP).longValueExact();
    }

    /** {@code amount − round(amount / (1 + percent / 100))}. */
    public static long inclusiveTax(long amount, BigDecimal percent) {
        return amount - inclusiveNet(amount, percent);
    }

    /**
     * Exclusive taxes for several rates applied to the same amount (e.g. GST and QST): each rounded on its own.
     */
    public static List<Long> exclusiveTaxes(long amount, List<BigDecimal> percents) {
        List<Long> taxes = new ArrayList<>(percents.size());
        for (BigDecimal percent : percents) {
            taxes.add(exclusiveTax(amount, percent));
        }
        return taxes;
    }

    /**
     * Inclusive taxes for several rates: the total is {@code amount − round(amount / (1 + Σ rates))}; every rate but
     * the last gets {@code round(net × rate)}, and the last gets the rest, so the parts add up to the total.
     */
    public static List<Long> inclusiveTaxes(long amount, List<BigDecimal> percents) {
        BigDecimal sum = percents.stream().reduce(BigDecimal.ZERO, BigDecimal::add);
        long net = inclusiveNet(amount, sum);
        long total = amount - net;
        List<Long> taxes = new ArrayList<>(percents.size());
        long assigned = 0;
        for (int i = 0; i < percents.size(); i++) {
            long part = i == percents.size() - 1 ? total - assigned : exclusiveTax(net, percents.get(i));
            taxes.add(part);
            assigned += part;
        }
        return taxes;
    }
}
