package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Polar's {@code CheckoutProduct}: what a buyer sees of a product, without metadata or custom fields. */
@Schema(description = "A product of the checkout, without its metadata and custom fields.")
public record CheckoutProduct(
        @JsonUnwrapped ProductBase base,
        List<ProductPrice> prices,
        @Schema(description = "Always empty: Kassa has no benefits yet.") List<Map<String, Object>> benefits,
        @Schema(description = "Always empty: Kassa has no media yet.") List<Map<String, Object>> medias) {
}
