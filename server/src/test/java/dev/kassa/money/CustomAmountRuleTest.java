package dev.kassa.money;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.money.CustomAmountRule.Violation;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CustomAmountRuleTest {

    @Nested
    class ValidatePrice {
        @Test
        void typicalPriceIsValid() {
            assertThat(CustomAmountRule.validatePrice("usd", 500L, 10_000L, 1000L)).isEmpty();
        }

        @Test
        void absentFieldsAreValid() {
            assertThat(CustomAmountRule.validatePrice("usd", null, null, null)).isEmpty();
        }

        @Test
        void zeroMinimumMeansFreeOrPayWhatYouWant() {
            assertThat(CustomAmountRule.validatePrice("usd", 0L, null, 0L)).isEmpty();
        }

        @Test
        void minimumInTheGapBelowCurrencyMinimumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 49L, null, null)).containsExactly(
                    new Violation("minimum_amount", "minimum_price",
                            "Amount must be at least $0.50 or 0 for free pricing"));
        }

        @Test
        void minimumGapUsesTheCurrencyMinimum() {
            assertThat(CustomAmountRule.validatePrice("jpy", 79L, null, null)).containsExactly(
                    new Violation("minimum_amount", "minimum_price",
                            "Amount must be at least ¥80 or 0 for free pricing"));
        }

        @Test
        void negativeMinimumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", -1L, null, null)).containsExactly(
                    new Violation("minimum_amount", "greater_than_equal",
                            "Input should be greater than or equal to 0"));
        }

        @Test
        void minimumAboveCurrencyMaximumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 100_000_000L, null, null)).containsExactly(
                    new Violation("minimum_amount", "maximum_price", "Amount must be at most $999,999.99"));
        }

        @Test
        void zeroMaximumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 0L, 0L, null)).containsExactly(
                    new Violation("maximum_amount", "greater_than_equal",
                            "Input should be greater than or equal to 1"));
        }

        @Test
        void maximumBelowCurrencyMinimumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("gbp", 0L, 39L, null)).containsExactly(
                    new Violation("maximum_amount", "minimum_price",
                            "Amount must be at least £0.40 or 0 for free pricing"));
        }

        @Test
        void maximumAboveCurrencyMaximumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("eur", 50L, 100_000_000L, null)).containsExactly(
                    new Violation("maximum_amount", "maximum_price", "Amount must be at most €999,999.99"));
        }

        @Test
        void maximumBelowMinimumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 1000L, 999L, null)).containsExactly(
                    new Violation("maximum_amount", "greater_than_equal",
                            "Maximum amount must be greater than or equal to the minimum amount."));
        }

        @Test
        void maximumEqualToMinimumIsValid() {
            assertThat(CustomAmountRule.validatePrice("usd", 1000L, 1000L, 1000L)).isEmpty();
        }

        @Test
        void maximumBelowDefaultMinimumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("jpy", null, 49L, null)).containsExactly(
                    new Violation("maximum_amount", "minimum_price",
                            "Amount must be at least ¥80 or 0 for free pricing"));
        }

        @Test
        void presetInTheGapIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 0L, null, 10L)).containsExactly(
                    new Violation("preset_amount", "minimum_price",
                            "Amount must be at least $0.50 or 0 for free pricing"));
        }

        @Test
        void presetBelowMinimumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 1000L, null, 500L)).containsExactly(
                    new Violation("preset_amount", "greater_than_equal",
                            "Preset amount must be greater than or equal to the minimum amount."));
        }

        @Test
        void zeroPresetWithNonZeroMinimumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 50L, null, 0L)).containsExactly(
                    new Violation("preset_amount", "greater_than_equal",
                            "Preset amount must be greater than or equal to the minimum amount."));
        }

        @Test
        void presetAboveMaximumIsRejected() {
            assertThat(CustomAmountRule.validatePrice("usd", 50L, 1000L, 1001L)).containsExactly(
                    new Violation("preset_amount", "less_than_equal",
                            "Preset amount must be less than or equal to the maximum amount."));
        }

        @Test
        void independentViolationsAreAllReported() {
            assertThat(CustomAmountRule.validatePrice("usd", 10L, 20L, 30L))
                    .extracting(Violation::field)
                    .containsExactly("minimum_amount", "maximum_amount", "preset_amount");
        }

        @Test
        void unsupportedCurrencyIsTheOnlyViolation() {
            assertThat(CustomAmountRule.validatePrice("xxx", 10L, null, null)).containsExactly(
                    new Violation("price_currency", "enum", "Unsupported currency: xxx."));
        }
    }

    @Nested
    class ValidateAmount {
        @Test
        void amountWithinBoundsIsValid() {
            assertThat(CustomAmountRule.validateAmount("usd", 1000, 500, 5000L)).isEmpty();
        }

        @Test
        void zeroIsValidWhenMinimumIsZero() {
            assertThat(CustomAmountRule.validateAmount("usd", 0, 0, null)).isEmpty();
        }

        @Test
        void negativeAmountIsRejected() {
            assertThat(CustomAmountRule.validateAmount("usd", -1, 0, null)).contains(
                    new Violation("amount", "greater_than_equal", "Amount must be at least 0."));
        }

        @Test
        void amountBelowMinimumIsRejected() {
            assertThat(CustomAmountRule.validateAmount("usd", 499, 500, null)).contains(
                    new Violation("amount", "greater_than_equal", "Amount is below minimum."));
        }

        @Test
        void amountUnderCurrencyMinimumIsRejected() {
            assertThat(CustomAmountRule.validateAmount("usd", 49, 0, null)).contains(
                    new Violation("amount", "invalid_amount", "Amount must be 0 or at least $0.50."));
        }

        @Test
        void currencyMinimumMessageIsFormattedInTheCurrency() {
            assertThat(CustomAmountRule.validateAmount("sek", 100, 0, null)).contains(
                    new Violation("amount", "invalid_amount", "Amount must be 0 or at least SEK 5.00."));
        }

        @Test
        void belowMinimumWinsOverCurrencyMinimum() {
            assertThat(CustomAmountRule.validateAmount("jpy", 10, 50, null))
                    .map(Violation::message).contains("Amount is below minimum.");
        }

        @Test
        void amountAboveMaximumIsRejected() {
            assertThat(CustomAmountRule.validateAmount("usd", 5001, 500, 5000L)).contains(
                    new Violation("amount", "less_than_equal", "Amount is above maximum."));
        }

        @Test
        void amountAboveCurrencyMaximumIsRejected() {
            assertThat(CustomAmountRule.validateAmount("usd", 100_000_000, 500, null)).contains(
                    new Violation("amount", "less_than_equal", "Amount must be at most $999,999.99."));
        }
    }

    @Nested
    class ValidateFixedPrice {
        @Test
        void zeroIsAFreePrice() {
            assertThat(CustomAmountRule.validateFixedPrice("usd", 0)).isEmpty();
            assertThat(CustomAmountRule.validateFixedPrice("jpy", 0)).isEmpty();
        }

        @Test
        void negativeIsRejected() {
            assertThat(CustomAmountRule.validateFixedPrice("usd", -1)).contains(
                    new Violation("price_amount", "greater_than_equal", "Input should be greater than or equal to 0"));
        }

        @Test
        void amountInTheGapBelowCurrencyMinimumIsRejected() {
            assertThat(CustomAmountRule.validateFixedPrice("usd", 1)).contains(
                    new Violation("price_amount", "minimum_price", "Amount must be at least $0.50 or 0 for free pricing"));
        }

        @Test
        void currencyMinimumAndMaximumAreAccepted() {
            assertThat(CustomAmountRule.validateFixedPrice("usd", 50)).isEmpty();
            assertThat(CustomAmountRule.validateFixedPrice("usd", 99_999_999)).isEmpty();
            assertThat(CustomAmountRule.validateFixedPrice("usd", 100_000_000)).contains(
                    new Violation("price_amount", "maximum_price", "Amount must be at most $999,999.99"));
        }
    }
}
