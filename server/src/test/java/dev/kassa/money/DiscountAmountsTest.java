package dev.kassa.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class DiscountAmountsTest {

    @Nested
    class Percentage {
        @Test
        void tenPercentOfTenDollarsIsOneDollar() {
            assertThat(DiscountAmounts.percentage(1000, 1000)).isEqualTo(100);
        }

        @Test
        void halfCentRoundsAwayFromZero() {
            // 5999 * 5000 / 10000 = 2999.5
            assertThat(DiscountAmounts.percentage(5999, 5000)).isEqualTo(3000);
        }

        @Test
        void belowHalfCentRoundsDown() {
            // 333 * 1000 / 10000 = 33.3
            assertThat(DiscountAmounts.percentage(333, 1000)).isEqualTo(33);
        }

        @Test
        void hundredPercentIsTheWholeAmount() {
            assertThat(DiscountAmounts.percentage(4999, 10_000)).isEqualTo(4999);
        }

        @Test
        void zeroAmountGivesZero() {
            assertThat(DiscountAmounts.percentage(0, 2500)).isZero();
        }

        @Test
        void overflowThrows() {
            assertThatThrownBy(() -> DiscountAmounts.percentage(Long.MAX_VALUE / 2, 3))
                    .isInstanceOf(ArithmeticException.class);
        }

        @Test
        void zeroBasisPointsAreRejected() {
            assertThatThrownBy(() -> DiscountAmounts.percentage(100, 0)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void moreThanHundredPercentIsRejected() {
            assertThatThrownBy(() -> DiscountAmounts.percentage(100, 10_001))
                    .isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void negativeAmountIsRejected() {
            assertThatThrownBy(() -> DiscountAmounts.percentage(-1, 100)).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Nested
    class Fixed {
        @Test
        void discountBelowAmountIsKept() {
            assertThat(DiscountAmounts.fixed(300, 1000)).isEqualTo(300);
        }

        @Test
        void discountAboveAmountIsCappedAtAmount() {
            assertThat(DiscountAmounts.fixed(1500, 1000)).isEqualTo(1000);
        }

        @Test
        void zeroAmountGivesZero() {
            assertThat(DiscountAmounts.fixed(500, 0)).isZero();
        }

        @Test
        void negativeDiscountIsRejected() {
            assertThatThrownBy(() -> DiscountAmounts.fixed(-1, 1000)).isInstanceOf(IllegalArgumentException.class);
        }

        @Test
        void negativeAmountIsRejected() {
            assertThatThrownBy(() -> DiscountAmounts.fixed(100, -1)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
