package dev.kassa.pricing;

import java.util.Objects;

/** Tax as calculated for a checkout: its amount and whether it is included in the price or added on top. */
public record TaxResult(long amount, Behavior behavior) {

    public enum Behavior {
        INCLUSIVE, EXCLUSIVE;

        public String wireName() {
            return name().toLowerCase();
        }

        public static Behavior fromWireName(String name) {
            return name == null ? null : valueOf(name.toUpperCase());
        }
    }

    public TaxResult {
        Objects.requireNonNull(behavior, "behavior is null");
        if (amount < 0) {
            throw new IllegalArgumentException("tax amount is negative: " + amount);
        }
    }

    public static TaxResult zero(Behavior behavior) {
        return new TaxResult(0, behavior);
    }
}
