package dev.kassa.discount.schemas;

import dev.kassa.platform.openapi.SchemaName;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A discount as a checkout shows it to the buyer: Polar's {@code CheckoutDiscount*} union, without metadata,
 * limits or products.
 */
public sealed interface CheckoutDiscount {

    /** The union's members, as the document names them. */
    String UNION = "CheckoutDiscountPercentageOnceForeverDuration | CheckoutDiscountFixedOnceForeverDuration"
            + " | CheckoutDiscountPercentageRepeatDuration | CheckoutDiscountFixedRepeatDuration";

    @SchemaName("CheckoutDiscountFixedOnceForeverDuration")
    record FixedOnceForever(@SchemaName("DiscountDuration") String duration, @SchemaName("DiscountType") String type,
            long amount, String currency, Map<String, Long> amounts, UUID id, String name, @Nullable String code)
            implements CheckoutDiscount {
    }

    @SchemaName("CheckoutDiscountFixedRepeatDuration")
    record FixedRepeat(@SchemaName("DiscountDuration") String duration, int durationInMonths,
            @SchemaName("DiscountType") String type, long amount, String currency, Map<String, Long> amounts, UUID id,
            String name, @Nullable String code) implements CheckoutDiscount {
    }

    @SchemaName("CheckoutDiscountPercentageOnceForeverDuration")
    record PercentageOnceForever(@SchemaName("DiscountDuration") String duration,
            @SchemaName("DiscountType") String type, int basisPoints, UUID id, String name, @Nullable String code)
            implements CheckoutDiscount {
    }

    @SchemaName("CheckoutDiscountPercentageRepeatDuration")
    record PercentageRepeat(@SchemaName("DiscountDuration") String duration, int durationInMonths,
            @SchemaName("DiscountType") String type, int basisPoints, UUID id, String name, @Nullable String code)
            implements CheckoutDiscount {
    }
}
