package dev.kassa.product;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Polar's rules for the prices of one product ({@code ProductService.get_validated_prices}), as a pure function:
 * at least one price; per currency at most one static (fixed, custom or free) price, which also forbids mixing
 * custom with fixed; every currency with the same set of price types; the organization's default presentment
 * currency present; and, per currency, one tax behavior.
 */
final class PriceSetRules {

    private PriceSetRules() {
    }

    enum Kind { FIXED, CUSTOM }

    record PriceShape(String currency, Kind kind, ProductPrice.TaxBehavior taxBehavior) {
    }

    record Violation(String type, String message) {
    }

    static List<Violation> check(List<PriceShape> prices, String defaultCurrency) {
        List<Violation> violations = new ArrayList<>();
        if (prices.isEmpty()) {
            violations.add(new Violation("too_short", "At least one price is required."));
            return violations;
        }
        Map<String, List<PriceShape>> byCurrency = new LinkedHashMap<>();
        for (PriceShape price : prices) {
            byCurrency.computeIfAbsent(price.currency(), c -> new ArrayList<>()).add(price);
        }
        Set<List<Kind>> structures = new HashSet<>();
        boolean mixedTaxBehavior = false;
        for (List<PriceShape> currencyPrices : byCurrency.values()) {
            structures.add(currencyPrices.stream().map(PriceShape::kind).sorted().toList());
            long behaviors = currencyPrices.stream().map(PriceShape::taxBehavior).map(Objects::toString).distinct().count();
            mixedTaxBehavior |= behaviors > 1;
        }
        if (byCurrency.values().stream().anyMatch(list -> list.size() > 1)) {
            violations.add(new Violation("value_error", "Only one static price is allowed."));
        }
        if (structures.size() > 1) {
            violations.add(new Violation("value_error", "All price currencies must define the same set of price types."));
        }
        if (!byCurrency.containsKey(defaultCurrency)) {
            violations.add(new Violation("value_error",
                    "The organization's default presentment currency must be present in the prices."));
        }
        if (mixedTaxBehavior) {
            violations.add(new Violation("value_error", "All prices of a currency must share the same tax behavior."));
        }
        return violations;
    }
}
