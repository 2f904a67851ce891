package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.Constant;
import io.swagger.v3.oas.annotations.media.Schema;

/** Polar's {@code ProductPriceFixed}. */
public record ProductPriceFixed(
        @Constant("fixed") String amountType,
        @JsonUnwrapped ProductPriceBase base,
        @Schema(description = "In minor units; 0 is a free price.") long priceAmount) implements ProductPrice {
}
