package dev.kassa.stripe.emulator;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Currency rules from Stripe's "Supported currencies" page: amounts are in the currency's minor unit, except for
 * zero-decimal currencies (the amount is whole units: {@code amount=500} in {@code jpy} is ¥500); ISK and UGX are
 * zero-decimal when charged but two-decimal in the API, so their amounts must be divisible by 100; and a charge
 * must reach the currency's minimum (about 0.50 USD), else Stripe answers {@code amount_too_small}.
 */
final class Currencies {

    /** Stripe's zero-decimal currencies. */
    static final Set<String> ZERO_DECIMAL = Set.of("bif", "clp", "djf", "gnf", "jpy", "kmf", "krw", "mga", "pyg",
            "rwf", "ugx", "vnd", "vuv", "xaf", "xof", "xpf");

    /** Two-decimal in the API although charged in whole units: the amount must be divisible by 100. */
    static final Set<String> WHOLE_UNITS_IN_TWO_DECIMALS = Set.of("isk", "ugx");

    /** Stripe's minimum charge amounts, in the API's units; currencies not listed have no minimum here. */
    static final Map<String, Long> MINIMUM = Map.ofEntries(Map.entry("usd", 50L), Map.entry("aed", 200L),
            Map.entry("aud", 50L), Map.entry("bgn", 100L), Map.entry("brl", 50L), Map.entry("cad", 50L),
            Map.entry("chf", 50L), Map.entry("czk", 1500L), Map.entry("dkk", 250L), Map.entry("eur", 50L),
            Map.entry("gbp", 30L), Map.entry("hkd", 400L), Map.entry("huf", 17500L), Map.entry("inr", 50L),
            Map.entry("jpy", 50L), Map.entry("mxn", 1000L), Map.entry("myr", 200L), Map.entry("nok", 300L),
            Map.entry("nzd", 50L), Map.entry("pln", 200L), Map.entry("ron", 200L), Map.entry("sek", 300L),
            Map.entry("sgd", 50L), Map.entry("thb", 1000L));

    private Currencies() {
    }

    /** Decimal places of {@code currency}'s amounts in the API: 0 for zero-decimal currencies, else 2. */
    static int decimals(String currency) {
        return ZERO_DECIMAL.contains(currency) && !WHOLE_UNITS_IN_TWO_DECIMALS.contains(currency) ? 0 : 2;
    }

    /** Refuses an amount Stripe would not charge in {@code currency} (lower case): too small, or not whole. */
    static void checkChargeAmount(long amount, String currency) {
        if (WHOLE_UNITS_IN_TWO_DECIMALS.contains(currency) && amount % 100 != 0) {
            throw StripeApiException.invalidRequest("amount_invalid", "Invalid amount: " + currency
                    + " amounts are given with two decimals but charged in whole units, so the amount must be "
                    + "divisible by 100 (for example " + (amount / 100 * 100) + ").", "amount");
        }
        Long minimum = MINIMUM.get(currency);
        if (minimum != null && amount < minimum) {
            throw StripeApiException.invalidRequest("amount_too_small", "Amount must be at least "
                    + format(minimum, currency) + " " + currency, "amount");
        }
    }

    /** {@code $0.50}, {@code €0.50}, {@code ¥50}: the amount in major units with the currency's symbol. */
    static String format(long amount, String currency) {
        String symbol;
        try {
            symbol = java.util.Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getSymbol(Locale.US);
        } catch (IllegalArgumentException e) {
            symbol = "";
        }
        return symbol + BigDecimal.valueOf(amount, decimals(currency)).toPlainString();
    }
}
