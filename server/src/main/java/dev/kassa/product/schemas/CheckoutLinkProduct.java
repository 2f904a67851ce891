package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Polar's {@code CheckoutLinkProduct}: a product of a checkout link, with its metadata. */
@Schema(description = "Product data for a checkout link.")
public record CheckoutLinkProduct(
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @JsonUnwrapped ProductBase base,
        List<ProductPrice> prices,
        @Schema(description = "Always empty: Kassa has no benefits yet.") List<Map<String, Object>> benefits,
        @Schema(description = "Always empty: Kassa has no media yet.") List<Map<String, Object>> medias) {
}
