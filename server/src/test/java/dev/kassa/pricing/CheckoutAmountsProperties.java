package dev.kassa.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kassa.money.DiscountAmounts;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.LongRange;

/** Reference section 11, item 1: the amount identities, over random prices, discounts and tax results. */
class CheckoutAmountsProperties {

    record Case(long amount, long discount, TaxResult tax) {
    }

    @Provide
    Arbitrary<Case> checkouts() {
        Arbitrary<Long> amounts = Arbitraries.longs().between(0, 999_999_999L);
        return amounts.flatMap(amount -> {
            Arbitrary<Long> fixedDiscount = Arbitraries.longs().between(0, 2_000_000_000L).map(d -> DiscountAmounts.fixed(d, amount));
            Arbitrary<Long> percentageDiscount = Arbitraries.integers().between(1, 10_000).map(bp -> DiscountAmounts.percentage(amount, bp));
            Arbitrary<Long> discounts = Arbitraries.oneOf(Arbitraries.just(0L), fixedDiscount, percentageDiscount);
            return discounts.flatMap(discount -> {
                long afterDiscount = amount - discount;
                Arbitrary<TaxResult> inclusive = Arbitraries.longs().between(0, afterDiscount)
                        .map(t -> new TaxResult(t, TaxResult.Behavior.INCLUSIVE));
                Arbitrary<TaxResult> exclusive = Arbitraries.longs().between(0, 500_000_000L)
                        .map(t -> new TaxResult(t, TaxResult.Behavior.EXCLUSIVE));
                Arbitrary<TaxResult> taxes = Arbitraries.oneOf(Arbitraries.just((TaxResult) null), inclusive, exclusive);
                return Combinators.combine(Arbitraries.just(amount), Arbitraries.just(discount), taxes).as(Case::new);
            });
        });
    }

    @Property(seed = "20261126")
    void totalIsNetPlusTax(@ForAll("checkouts") Case c) {
        CheckoutAmounts amounts = CheckoutAmounts.of(c.amount(), c.discount(), c.tax());

        long tax = amounts.taxAmount() == null ? 0 : amounts.taxAmount();
        assertThat(amounts.totalAmount()).isEqualTo(amounts.netAmount() + tax);
    }

    @Property(seed = "20261126")
    void netIsAmountMinusDiscountMinusInclusiveTax(@ForAll("checkouts") Case c) {
        CheckoutAmounts amounts = CheckoutAmounts.of(c.amount(), c.discount(), c.tax());

        long inclusiveTax = c.tax() != null && c.tax().behavior() == TaxResult.Behavior.INCLUSIVE ? c.tax().amount() : 0;
        assertThat(amounts.netAmount()).isEqualTo(c.amount() - c.discount() - inclusiveTax);
    }

    @Property(seed = "20261126")
    void inclusiveTaxKeepsTheTotalAtTheDiscountedAmount(@ForAll("checkouts") Case c) {
        CheckoutAmounts amounts = CheckoutAmounts.of(c.amount(), c.discount(), c.tax());

        if (c.tax() != null && c.tax().behavior() == TaxResult.Behavior.INCLUSIVE) {
            assertThat(amounts.totalAmount()).isEqualTo(c.amount() - c.discount());
        }
    }

    @Property(seed = "20261126")
    void nothingIsNegativeAndTheDiscountNeverExceedsTheAmount(@ForAll("checkouts") Case c) {
        CheckoutAmounts amounts = CheckoutAmounts.of(c.amount(), c.discount(), c.tax());

        assertThat(amounts.discountAmount()).isBetween(0L, amounts.amount());
        assertThat(amounts.netAmount()).isNotNegative();
        assertThat(amounts.totalAmount()).isNotNegative();
    }

    @Property(seed = "20261126")
    void taxIsNullUntilCalculated(@ForAll @LongRange(min = 0, max = 1_000_000) long amount) {
        assertThat(CheckoutAmounts.of(amount, 0, null).taxAmount()).isNull();
        assertThat(CheckoutAmounts.of(amount, 0, null).totalAmount()).isEqualTo(amount);
    }

    @Property(seed = "20261126")
    void aDiscountAboveTheAmountIsRejected(@ForAll @LongRange(min = 0, max = 1_000_000) long amount) {
        assertThatThrownBy(() -> CheckoutAmounts.of(amount, amount + 1, null)).isInstanceOf(IllegalArgumentException.class);
    }
}
