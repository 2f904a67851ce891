package dev.kassa.money;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Rules for pay-what-you-want ({@code custom}) prices: the merchant's bounds when the price is created, and the
 * buyer's amount at checkout. Pure: it returns violations and leaves the error response to the caller.
 *
 * <p>Messages and types follow Polar: {@code validate_price_amount} in {@code product/schemas.py} for the price
 * fields, {@code validate_custom_price_amount} in {@code product/custom_price.py} for the buyer's amount. The
 * cross-field checks (maximum against minimum, preset within the bounds) are Kassa's own wording.
 */
public final class CustomAmountRule {

    /**
     * Polar's schema default for {@code minimum_amount} when the field is absent. It is a plain 50 for every
     * currency, and, as in Polar (Pydantic does not validate defaults), it is not checked against the currency
     * minimum.
     */
    public static final long DEFAULT_MINIMUM_AMOUNT = 50L;

    public static final String MINIMUM_AMOUNT = "minimum_amount";
    public static final String MAXIMUM_AMOUNT = "maximum_amount";
    public static final String PRESET_AMOUNT = "preset_amount";
    public static final String PRICE_CURRENCY = "price_currency";
    public static final String AMOUNT = "amount";

    /** One broken rule: the body field it concerns, a Polar-style error type, and a human message. */
    public record Violation(String field, String type, String message) {
    }

    private CustomAmountRule() {
    }

    /**
     * Validates the bounds of a custom price. Reports every violation found; the cross-field checks only run for
     * fields that passed their own checks, so one bad value gives one violation.
     *
     * <ul>
     *   <li>{@code price_currency} must be supported; otherwise that is the only violation.</li>
     *   <li>{@code minimum_amount} and {@code preset_amount}: {@code >= 0}, and either 0 or within the currency's
     *       minimum and maximum.</li>
     *   <li>{@code maximum_amount}: {@code >= 1} and within the currency's minimum and maximum.</li>
     *   <li>{@code maximum_amount >= minimum_amount}; {@code minimum_amount <= preset_amount <= maximum_amount}.</li>
     * </ul>
     *
     * @param minimumAmount null means absent: {@link #DEFAULT_MINIMUM_AMOUNT} is used, unchecked
     * @param maximumAmount null means no maximum
     * @param presetAmount  null means no preset
     */
    public static List<Violation> validatePrice(String currency, Long minimumAmount, Long maximumAmount,
                                                Long presetAmount) {
        List<Violation> violations = new ArrayList<>();
        if (currency == null || !Currencies.isSupported(currency)) {
            violations.add(new Violation(PRICE_CURRENCY, "enum", "Unsupported currency: " + currency + "."));
            return List.copyOf(violations);
        }
        boolean minimumValid = minimumAmount == null
                || checkPriceField(violations, MINIMUM_AMOUNT, minimumAmount, 0L, currency);
        long minimum = minimumAmount == null ? DEFAULT_MINIMUM_AMOUNT : minimumAmount;
        boolean maximumValid = maximumAmount != null
                && checkPriceField(violations, MAXIMUM_AMOUNT, maximumAmount, 1L, currency);
        boolean presetValid = presetAmount != null
                && checkPriceField(violations, PRESET_AMOUNT, presetAmount, 0L, currency);

        if (maximumValid && minimumValid && maximumAmount < minimum) {
            violations.add(new Violation(MAXIMUM_AMOUNT, "greater_than_equal",
                    "Maximum amount must be greater than or equal to the minimum amount."));
        }
        if (presetValid && minimumValid && presetAmount < minimum) {
            violations.add(new Violation(PRESET_AMOUNT, "greater_than_equal",
                    "Preset amount must be greater than or equal to the minimum amount."));
        }
        if (presetValid && maximumValid && presetAmount > maximumAmount) {
            violations.add(new Violation(PRESET_AMOUNT, "less_than_equal",
                    "Preset amount must be less than or equal to the maximum amount."));
        }
        return List.copyOf(violations);
    }

    /**
     * Validates the amount a buyer chose for a custom price, in Polar's order; the first broken rule wins.
     *
     * <ol>
     *   <li>{@code amount < 0}: {@code greater_than_equal}, "Amount must be at least 0."</li>
     *   <li>{@code amount < minimumAmount}: {@code greater_than_equal}, "Amount is below minimum."</li>
     *   <li>{@code 0 < amount <} currency minimum: {@code invalid_amount}, "Amount must be 0 or at least $0.50."</li>
     *   <li>{@code amount > maximumAmount}: {@code less_than_equal}, "Amount is above maximum."</li>
     *   <li>{@code amount >} currency maximum: {@code less_than_equal}, "Amount must be at most $999,999.99."</li>
     * </ol>
     * Amounts are formatted with {@link Currencies#format(long, String)}. The field is {@code amount}.
     *
     * @param minimumAmount the price's stored minimum (0 allows free)
     * @param maximumAmount the price's maximum, or null for none
     */
    public static Optional<Violation> validateAmount(String currency, long amount, long minimumAmount,
                                                     Long maximumAmount) {
        if (amount < 0) {
            return violation("greater_than_equal", "Amount must be at least 0.");
        }
        if (amount < minimumAmount) {
            return violation("greater_than_equal", "Amount is below minimum.");
        }
        long currencyMinimum = Currencies.minimumAmount(currency);
        if (amount > 0 && amount < currencyMinimum) {
            return violation("invalid_amount",
                    "Amount must be 0 or at least " + Currencies.format(currencyMinimum, currency) + ".");
        }
        if (maximumAmount != null && amount > maximumAmount) {
            return violation("less_than_equal", "Amount is above maximum.");
        }
        long currencyMaximum = Currencies.maximumAmount(currency);
        if (amount > currencyMaximum) {
            return violation("less_than_equal",
                    "Amount must be at most " + Currencies.format(currencyMaximum, currency) + ".");
        }
        return Optional.empty();
    }

    /**
     * A fixed price's amount, as Polar's {@code ProductPriceFixedCreate} checks it: not negative; 0 is a free price
     * (how the 2026-10 API makes one, and what the legacy {@code amount_type: free} becomes); any other amount at
     * least the currency's minimum charge and at most its maximum.
     */
    public static Optional<Violation> validateFixedPrice(String currency, long amount) {
        String field = "price_amount";
        if (amount < 0) {
            return Optional.of(new Violation(field, "greater_than_equal", "Input should be greater than or equal to 0"));
        }
        long currencyMinimum = Currencies.minimumAmount(currency);
        if (amount != 0 && amount < currencyMinimum) {
            return Optional.of(new Violation(field, "minimum_price",
                    "Amount must be at least " + Currencies.format(currencyMinimum, currency) + " or 0 for free pricing"));
        }
        long currencyMaximum = Currencies.maximumAmount(currency);
        if (amount > currencyMaximum) {
            return Optional.of(new Violation(field, "maximum_price",
                    "Amount must be at most " + Currencies.format(currencyMaximum, currency)));
        }
        return Optional.empty();
    }

    /** Checks one price field on its own; returns whether it passed. */
    private static boolean checkPriceField(List<Violation> violations, String field, long value, long lowest,
                                           String currency) {
        if (value < lowest) {
            violations.add(new Violation(field, "greater_than_equal",
                    "Input should be greater than or equal to " + lowest));
            return false;
        }
        long currencyMinimum = Currencies.minimumAmount(currency);
        if (value != 0 && value < currencyMinimum) {
            violations.add(new Violation(field, "minimum_price",
                    "Amount must be at least " + Currencies.format(currencyMinimum, currency)
                            + " or 0 for free pricing"));
            return false;
        }
        long currencyMaximum = Currencies.maximumAmount(currency);
        if (value > currencyMaximum) {
            violations.add(new Violation(field, "maximum_price",
                    "Amount must be at most " + Currencies.format(currencyMaximum, currency)));
            return false;
        }
        return true;
    }

    private static Optional<Violation> violation(String type, String message) {
        return Optional.of(new Violation(AMOUNT, type, message));
    }
}
