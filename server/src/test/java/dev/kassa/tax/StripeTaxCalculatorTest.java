package dev.kassa.tax;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds;
import dev.kassa.pricing.TaxResult;
import dev.kassa.support.ApiTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;

/** The real stripe-java client against Kassa's Stripe emulator over HTTP, in test mode. */
class StripeTaxCalculatorTest extends ApiTest {

    @Autowired
    TaxCalculator calculator;

    private TaxOutcome calculate(long amount, TaxResult.Behavior behavior, Address address, TaxIds.TaxId taxId) {
        return calculator.calculate(new TaxRequest("ref-" + System.nanoTime(), "usd", amount, behavior, address, taxId));
    }

    @Test
    void germanVatIsIncludedInThePrice() {
        TaxOutcome outcome = calculate(1999, TaxResult.Behavior.INCLUSIVE, Address.ofCountry("DE"), null);

        assertThat(outcome).isInstanceOfSatisfying(TaxOutcome.Calculated.class, calculated -> {
            assertThat(calculated.amount()).isEqualTo(319);
            assertThat(calculated.processorId()).startsWith("taxcalc_");
            assertThat(calculated.breakdownJson()).contains("\"country\":\"DE\"");
        });
    }

    @Test
    void californiaSalesTaxIsAddedOnTop() {
        TaxOutcome outcome = calculate(1000, TaxResult.Behavior.EXCLUSIVE,
                new Address("1 Main St", null, "94105", "San Francisco", "CA", "US"), null);

        assertThat(outcome).isEqualTo(new TaxOutcome.Calculated(73, TaxResult.Behavior.EXCLUSIVE,
                ((TaxOutcome.Calculated) outcome).processorId(), ((TaxOutcome.Calculated) outcome).breakdownJson()));
    }

    @Test
    void aBusinessTaxIdReverseCharges() {
        TaxOutcome outcome = calculate(1000, TaxResult.Behavior.INCLUSIVE, Address.ofCountry("FR"),
                new TaxIds.TaxId("FR40303265045", "eu_vat"));

        assertThat(outcome).isInstanceOfSatisfying(TaxOutcome.Calculated.class, c -> assertThat(c.amount()).isZero());
    }

    @Test
    void missingUsPostalCodeIsALogicalError() {
        TaxOutcome outcome = calculate(1000, TaxResult.Behavior.EXCLUSIVE, new Address(null, null, null, null, "CA", "US"), null);

        assertThat(outcome).isEqualTo(new TaxOutcome.LogicalError("Required tax location information is missing."));
    }

    @Test
    void sameInputsGiveTheSameHashAndOtherInputsAnother() {
        TaxRequest request = new TaxRequest("checkout-1", "usd", 1000, TaxResult.Behavior.EXCLUSIVE, Address.ofCountry("DE"), null);

        assertThat(request.inputsHash()).isEqualTo(new TaxRequest("checkout-1", "usd", 1000, TaxResult.Behavior.EXCLUSIVE,
                Address.ofCountry("DE"), null).inputsHash());
        assertThat(request.inputsHash()).isNotEqualTo(new TaxRequest("checkout-1", "usd", 1001, TaxResult.Behavior.EXCLUSIVE,
                Address.ofCountry("DE"), null).inputsHash());
    }
}
