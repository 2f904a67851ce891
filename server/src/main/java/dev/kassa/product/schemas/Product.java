package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Polar's {@code Product}: the merchant's view, with metadata and custom fields. */
@Schema(description = "A product, as the merchant sees it.")
public record Product(
        @JsonUnwrapped ProductBase base,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @Schema(description = "Whether the product can be deleted: never sold, subscribed to, or named by a discount.")
        boolean isDeletable,
        List<ProductPrice> prices,
        @Schema(description = "Always empty: Kassa has no benefits yet.") List<Map<String, Object>> benefits,
        @Schema(description = "Always empty: Kassa has no media yet.") List<Map<String, Object>> medias,
        List<AttachedCustomField> attachedCustomFields) {
}
