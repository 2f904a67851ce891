package dev.kassa.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Reference section 11, item 2: the payment flags. */
class PaymentFlagsProperties {

    @Provide
    Arbitrary<PaymentFlags.Inputs> inputs() {
        Arbitrary<Boolean> flag = Arbitraries.of(true, false);
        return Arbitraries.longs().between(0, 1_000_000).flatMap(amount ->
                Arbitraries.longs().between(0, amount).flatMap(discount ->
                        Combinators.combine(flag, flag, flag, flag, flag, flag).as((selected, free, recurring, metered, hundred, trial) ->
                                new PaymentFlags.Inputs(selected, free, recurring, metered, amount, discount, hundred, trial))));
    }

    @Property(seed = "20261126")
    void paymentIsRequiredExactlyWhenSomethingIsDueAndNoTrialRuns(@ForAll("inputs") PaymentFlags.Inputs in) {
        assertThat(PaymentFlags.of(in).paymentRequired()).isEqualTo(in.amount() - in.discountAmount() > 0 && !in.trialActive());
    }

    @Property(seed = "20261126")
    void aTrialNeverRequiresAPayment(@ForAll("inputs") PaymentFlags.Inputs in) {
        PaymentFlags.Inputs withTrial = new PaymentFlags.Inputs(in.productSelected(), in.freeProductPrice(), in.recurring(),
                in.hasMeteredPrices(), in.amount(), in.discountAmount(), in.hundredPercentForeverDiscount(), true);

        assertThat(PaymentFlags.of(withTrial).paymentRequired()).isFalse();
    }

    @Property(seed = "20261126")
    void oneTimeProductsNeverSaveAPaymentMethod(@ForAll("inputs") PaymentFlags.Inputs in) {
        PaymentFlags.Inputs oneTime = new PaymentFlags.Inputs(in.productSelected(), in.freeProductPrice(), false,
                in.hasMeteredPrices(), in.amount(), in.discountAmount(), in.hundredPercentForeverDiscount(), in.trialActive());

        assertThat(PaymentFlags.of(oneTime).paymentSetupRequired()).isFalse();
    }

    @Property(seed = "20261126")
    void freePricesAndFullForeverDiscountsNeverSaveAPaymentMethod(@ForAll("inputs") PaymentFlags.Inputs in) {
        if (in.freeProductPrice() || in.hundredPercentForeverDiscount() || (in.amount() == 0 && !in.hasMeteredPrices())) {
            assertThat(PaymentFlags.of(in).paymentSetupRequired()).isFalse();
        }
    }

    @Property(seed = "20261126")
    void theFormIsNeededWhenPayingOrSaving(@ForAll("inputs") PaymentFlags.Inputs in) {
        PaymentFlags flags = PaymentFlags.of(in);

        assertThat(flags.paymentFormRequired()).isEqualTo(flags.paymentRequired() || flags.paymentSetupRequired());
    }

    @Property(seed = "20261126")
    void aFullOnceDiscountOnASubscriptionStillSavesACard(@ForAll @net.jqwik.api.constraints.LongRange(min = 1, max = 1_000_000) long amount) {
        PaymentFlags flags = PaymentFlags.of(new PaymentFlags.Inputs(true, false, true, false, amount, amount, false, false));

        assertThat(flags.paymentRequired()).isFalse();
        assertThat(flags.paymentSetupRequired()).isTrue();
        assertThat(flags.paymentFormRequired()).isTrue();
    }
}
