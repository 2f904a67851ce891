package dev.kassa.tax;

/** A tax calculation's result: calculated, or refused for a reason the buyer can fix (a "logical" error). */
public sealed interface TaxOutcome {

    record Calculated(long amount, dev.kassa.pricing.TaxResult.Behavior behavior, String processorId, String breakdownJson)
            implements TaxOutcome {
    }

    record LogicalError(String message) implements TaxOutcome {
        public static final String LOCATION_MISSING = "Required tax location information is missing.";
        public static final String LOCATION_INVALID = "We could not determine the customer's tax location based on the provided customer address.";
    }
}
