package dev.kassa.money;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CurrenciesTest {

    @Nested
    class IsSupported {
        @Test
        void usdIsSupported() {
            assertThat(Currencies.isSupported("usd")).isTrue();
        }

        @Test
        void upperCaseCodesAreAccepted() {
            assertThat(Currencies.isSupported("EUR")).isTrue();
        }

        @Test
        void weakCurrenciesPolarListsAreSupported() {
            assertThat(Currencies.isSupported("idr")).isTrue();
            assertThat(Currencies.isSupported("ugx")).isTrue();
            assertThat(Currencies.isSupported("xcg")).isTrue();
        }

        @Test
        void unknownCodeIsNotSupported() {
            assertThat(Currencies.isSupported("xxx")).isFalse();
        }

        @Test
        void nullIsNotSupported() {
            assertThat(Currencies.isSupported(null)).isFalse();
        }

        @Test
        void polarListsOneHundredAndTwentySixPresentmentCurrencies() {
            assertThat(Currencies.supported()).hasSize(126);
        }
    }

    @Nested
    class IsZeroDecimal {
        @Test
        void jpyAndKrwAreZeroDecimal() {
            assertThat(Currencies.isZeroDecimal("jpy")).isTrue();
            assertThat(Currencies.isZeroDecimal("krw")).isTrue();
        }

        @Test
        void usdIsNotZeroDecimal() {
            assertThat(Currencies.isZeroDecimal("usd")).isFalse();
        }

        @Test
        void ugxIsKeptInTwoDecimalMinorUnits() {
            assertThat(Currencies.isZeroDecimal("ugx")).isFalse();
        }
    }

    @Nested
    class MinimumAmount {
        @Test
        void usdMinimumIsFiftyCents() {
            assertThat(Currencies.minimumAmount("usd")).isEqualTo(50);
        }

        @Test
        void gbpMinimumIsFortyPence() {
            assertThat(Currencies.minimumAmount("gbp")).isEqualTo(40);
        }

        @Test
        void jpyMinimumIsEightyYen() {
            assertThat(Currencies.minimumAmount("jpy")).isEqualTo(80);
        }

        @Test
        void inrMinimumIsSixtyRupees() {
            assertThat(Currencies.minimumAmount("inr")).isEqualTo(6000);
        }

        @Test
        void unlistedCurrencyDefaultsToFifty() {
            assertThat(Currencies.minimumAmount("xxx")).isEqualTo(50);
        }

        @Test
        void everyMinimumIsBelowItsMaximum() {
            assertThat(Currencies.supported())
                    .allSatisfy(c -> assertThat(Currencies.minimumAmount(c)).isPositive()
                            .isLessThan(Currencies.maximumAmount(c)));
        }
    }

    @Nested
    class MaximumAmount {
        @Test
        void usdMaximumIsDefault() {
            assertThat(Currencies.maximumAmount("usd")).isEqualTo(99_999_999L);
        }

        @Test
        void idrMaximumIsSixteenMillionRupiah() {
            assertThat(Currencies.maximumAmount("idr")).isEqualTo(1_600_000_000L);
        }

        @Test
        void unlistedCurrencyDefaultsToEightNines() {
            assertThat(Currencies.maximumAmount("xxx")).isEqualTo(99_999_999L);
        }
    }

    @Nested
    class Format {
        @Test
        void usdUsesDollarSign() {
            assertThat(Currencies.format(50, "usd")).isEqualTo("$0.50");
        }

        @Test
        void eurUsesEuroSign() {
            assertThat(Currencies.format(50, "eur")).isEqualTo("€0.50");
        }

        @Test
        void gbpUsesPoundSign() {
            assertThat(Currencies.format(40, "gbp")).isEqualTo("£0.40");
        }

        @Test
        void jpyHasNoDecimals() {
            assertThat(Currencies.format(80, "jpy")).isEqualTo("¥80");
        }

        @Test
        void otherCurrenciesUseUpperCaseCode() {
            assertThat(Currencies.format(300, "sek")).isEqualTo("SEK 3.00");
        }

        @Test
        void otherZeroDecimalCurrenciesUseCodeWithoutDecimals() {
            assertThat(Currencies.format(800, "krw")).isEqualTo("KRW 800");
        }

        @Test
        void thousandsAreGrouped() {
            assertThat(Currencies.format(99_999_999, "usd")).isEqualTo("$999,999.99");
        }

        @Test
        void negativeAmountsHaveLeadingMinus() {
            assertThat(Currencies.format(-50, "usd")).isEqualTo("-$0.50");
        }

        @Test
        void zeroIsFormatted() {
            assertThat(Currencies.format(0, "usd")).isEqualTo("$0.00");
        }

        @Test
        void longMinValueCannotBeFormatted() {
            assertThatThrownBy(() -> Currencies.format(Long.MIN_VALUE, "usd"))
                    .isInstanceOf(ArithmeticException.class);
        }
    }
}
