package dev.kassa.stripe.emulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import org.junit.jupiter.api.Test;

class TaxMathTest {

    private static BigDecimal pct(String p) {
        return new BigDecimal(p);
    }

    @Test
    void exclusiveRoundsHalfAwayFromZero() {
        assertThat(TaxMath.exclusiveTax(1000, pct("7.25"))).isEqualTo(73);   // 72.5
        assertThat(TaxMath.exclusiveTax(-1000, pct("7.25"))).isEqualTo(-73); // -72.5
        assertThat(TaxMath.exclusiveTax(1999, pct("19"))).isEqualTo(380);    // 379.81
        assertThat(TaxMath.exclusiveTax(1002, pct("19"))).isEqualTo(190);    // 190.38
        assertThat(TaxMath.exclusiveTax(10, pct("25"))).isEqualTo(3);        // 2.5
        assertThat(TaxMath.exclusiveTax(1000, pct("9.975"))).isEqualTo(100); // 99.75
        assertThat(TaxMath.exclusiveTax(0, pct("19"))).isZero();
    }

    @Test
    void inclusiveIsAmountMinusRoundedNet() {
        assertThat(TaxMath.inclusiveTax(1000, pct("19"))).isEqualTo(160);  // net 840.34 → 840
        assertThat(TaxMath.inclusiveTax(1999, pct("19"))).isEqualTo(319);  // net 1679.83 → 1680
        assertThat(TaxMath.inclusiveTax(119, pct("19"))).isEqualTo(19);    // net exactly 100
        assertThat(TaxMath.inclusiveTax(105, pct("10"))).isEqualTo(10);    // net 95.45 → 95
        // net 2.5 exactly → 3 (half away from zero), tax 0
        assertThat(TaxMath.inclusiveNet(3, pct("20"))).isEqualTo(3);
        assertThat(TaxMath.inclusiveNet(-3, pct("20"))).isEqualTo(-3);
    }

    @Test
    void severalRatesOnOneAmount() {
        assertThat(TaxMath.exclusiveTaxes(1000, List.of(pct("5"), pct("9.975")))).containsExactly(50L, 100L);
        // net = round(1000 / 1.14975) = 870, total 130; GST = round(870 × 5 %) = 44 (43.5), QST the rest
        assertThat(TaxMath.inclusiveTaxes(1000, List.of(pct("5"), pct("9.975")))).containsExactly(44L, 86L);
        assertThat(TaxMath.inclusiveTaxes(1000, List.of(pct("19")))).containsExactly(160L);
    }

    @Test
    void percentageDecimalLooksLikeStripes() {
        assertThat(TaxRates.percentageDecimal(pct("19"))).isEqualTo("19.0");
        assertThat(TaxRates.percentageDecimal(pct("7.250"))).isEqualTo("7.25");
        assertThat(TaxRates.percentageDecimal(pct("9.975"))).isEqualTo("9.975");
        assertThat(TaxRates.percentageDecimal(BigDecimal.ZERO)).isEqualTo("0.0");
    }

    @Test
    void rateTableCoversTheEu() {
        assertThat(TaxRates.EU_VAT).hasSize(27);
        assertThat(TaxRates.locate("DE", null).rates()).singleElement()
                .satisfies(r -> assertThat(r.percentage()).isEqualByComparingTo("19"));
        assertThat(TaxRates.locate("US", "OR").collecting()).isFalse();
        assertThat(TaxRates.locate("JP", null).collecting()).isFalse();
        assertThat(TaxRates.locate("CA", "QC").rates()).hasSize(2);
        assertThat(TaxRates.locate("CA", "ON").rates()).singleElement()
                .satisfies(r -> assertThat(r.taxType()).isEqualTo("hst"));
        assertThat(TaxLocations.stateOfZip("94105")).isEqualTo("CA");
        assertThat(TaxLocations.stateOfZip("10001")).isEqualTo("NY");
        assertThat(TaxLocations.stateOfZip("73301")).isEqualTo("TX");
        assertThat(TaxLocations.stateOfZip("00001")).isNull();
    }
}
