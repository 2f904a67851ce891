package dev.kassa.refund;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RefundAmountsTest {

    @Test
    void aPartialRefundCarriesTheOrdersTaxRate() {
        // 10.00 + 19% VAT: refunding 5.00 gives back 0.95 of tax
        assertThat(RefundAmounts.taxOf(1000, 190, 1000, 190, 500)).isEqualTo(95);
    }

    @Test
    void theTaxIsRoundedToTheNearestCent() {
        // 333 * 0.19 = 63.27
        assertThat(RefundAmounts.taxOf(1000, 190, 1000, 190, 333)).isEqualTo(63);
        // 337 * 0.19 = 64.03
        assertThat(RefundAmounts.taxOf(1000, 190, 1000, 190, 337)).isEqualTo(64);
    }

    @Test
    void halfACentRoundsToEvenAsPythonsRoundDoes() {
        // 100 * 1 / 200 = 0.5 -> 0; 300 * 1 / 200 = 1.5 -> 2
        assertThat(RefundAmounts.taxOf(200, 1, 200, 1, 100)).isZero();
        assertThat(RefundAmounts.taxOf(200, 3, 200, 3, 100)).isEqualTo(2);
    }

    @Test
    void refundingAllThatIsLeftRefundsAllTheTaxThatIsLeft() {
        // After 333 (63 of tax): 667 left with 127 of tax, although 667 * 0.19 = 126.73
        assertThat(RefundAmounts.taxOf(1000, 190, 667, 127, 667)).isEqualTo(127);
    }

    @Test
    void theTaxNeverExceedsWhatIsLeftOfIt() {
        assertThat(RefundAmounts.taxOf(1000, 190, 900, 10, 500)).isEqualTo(10);
    }

    @Test
    void anUntaxedOrderRefundsNoTax() {
        assertThat(RefundAmounts.taxOf(1000, 0, 1000, 0, 400)).isZero();
    }

    @Test
    void moreThanWhatIsLeftIsRefused() {
        assertThatThrownBy(() -> RefundAmounts.taxOf(1000, 190, 400, 76, 401)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> RefundAmounts.taxOf(1000, 190, 400, 76, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
