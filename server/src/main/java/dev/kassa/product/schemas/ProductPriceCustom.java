package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.Constant;
import org.jspecify.annotations.Nullable;

/** Polar's {@code ProductPriceCustom}: pay what you want, between the minimum and the maximum. */
public record ProductPriceCustom(
        @Constant("custom") String amountType,
        @JsonUnwrapped ProductPriceBase base,
        long minimumAmount,
        @Nullable Long maximumAmount,
        @Nullable Long presetAmount) implements ProductPrice {
}
