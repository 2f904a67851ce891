package dev.kassa.discount.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import java.util.Map;

/**
 * A discount as orders and subscriptions embed it: Polar's {@code Discount*Base} union, the discount without its
 * products. The members differ in {@code duration_in_months} (repeating only) and the amount fields.
 */
public sealed interface DiscountEmbed {

    /** The union's members, as the document names them. */
    String UNION = "DiscountPercentageOnceForeverDurationBase | DiscountFixedOnceForeverDurationBase"
            + " | DiscountPercentageRepeatDurationBase | DiscountFixedRepeatDurationBase";

    @SchemaName("DiscountFixedOnceForeverDurationBase")
    record FixedOnceForever(@SchemaName("DiscountDuration") String duration, @SchemaName("DiscountType") String type,
            long amount, String currency, Map<String, Long> amounts, @JsonUnwrapped DiscountBaseFields fields)
            implements DiscountEmbed {
    }

    @SchemaName("DiscountFixedRepeatDurationBase")
    record FixedRepeat(@SchemaName("DiscountDuration") String duration, int durationInMonths,
            @SchemaName("DiscountType") String type, long amount, String currency, Map<String, Long> amounts,
            @JsonUnwrapped DiscountBaseFields fields) implements DiscountEmbed {
    }

    @SchemaName("DiscountPercentageOnceForeverDurationBase")
    record PercentageOnceForever(@SchemaName("DiscountDuration") String duration,
            @SchemaName("DiscountType") String type, int basisPoints, @JsonUnwrapped DiscountBaseFields fields)
            implements DiscountEmbed {
    }

    @SchemaName("DiscountPercentageRepeatDurationBase")
    record PercentageRepeat(@SchemaName("DiscountDuration") String duration, int durationInMonths,
            @SchemaName("DiscountType") String type, int basisPoints, @JsonUnwrapped DiscountBaseFields fields)
            implements DiscountEmbed {
    }
}
