package dev.kassa.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoundingTest {

    @Test
    void exactQuotientIsUnchanged() {
        assertThat(Rounding.divideHalfAwayFromZero(3000, 10)).isEqualTo(300);
    }

    @Test
    void positiveTieRoundsUp() {
        assertThat(Rounding.divideHalfAwayFromZero(2995, 10)).isEqualTo(300);
    }

    @Test
    void negativeTieRoundsDown() {
        assertThat(Rounding.divideHalfAwayFromZero(-2995, 10)).isEqualTo(-300);
    }

    @Test
    void belowHalfRoundsTowardZero() {
        assertThat(Rounding.divideHalfAwayFromZero(2994, 10)).isEqualTo(299);
        assertThat(Rounding.divideHalfAwayFromZero(-2994, 10)).isEqualTo(-299);
    }

    @Test
    void aboveHalfRoundsAwayFromZero() {
        assertThat(Rounding.divideHalfAwayFromZero(2996, 10)).isEqualTo(300);
        assertThat(Rounding.divideHalfAwayFromZero(-2996, 10)).isEqualTo(-300);
    }

    @Test
    void smallTiesRoundAwayFromZero() {
        assertThat(Rounding.divideHalfAwayFromZero(1, 2)).isEqualTo(1);
        assertThat(Rounding.divideHalfAwayFromZero(-1, 2)).isEqualTo(-1);
    }

    @Test
    void extremeNumeratorsDoNotOverflow() {
        assertThat(Rounding.divideHalfAwayFromZero(Long.MAX_VALUE, 2)).isEqualTo(Long.MAX_VALUE / 2 + 1);
        assertThat(Rounding.divideHalfAwayFromZero(Long.MIN_VALUE, 1)).isEqualTo(Long.MIN_VALUE);
        assertThat(Rounding.divideHalfAwayFromZero(Long.MAX_VALUE, Long.MAX_VALUE)).isEqualTo(1);
    }

    @Test
    void zeroDenominatorIsRejected() {
        assertThatThrownBy(() -> Rounding.divideHalfAwayFromZero(1, 0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeDenominatorIsRejected() {
        assertThatThrownBy(() -> Rounding.divideHalfAwayFromZero(1, -2)).isInstanceOf(IllegalArgumentException.class);
    }
}
