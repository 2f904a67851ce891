package dev.kassa.product;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.ProductBase;
import java.util.Map;

/**
 * A product without prices, as Polar embeds it in discounts ({@code DiscountProduct}): the metadata and the fields
 * every product schema has, read from the product's row alone.
 */
@SchemaName("DiscountProduct")
public record ProductSummary(@SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @JsonUnwrapped ProductBase base) {

    static ProductSummary of(ProductRepository.ProductRow row) {
        return new ProductSummary(row.metadata(), new ProductBase(row.id(), row.createdAt(), row.modifiedAt(), null,
                null, row.name(), row.description(), ProductBase.VISIBILITY,
                row.recurringInterval() == null ? null : row.recurringInterval().wireName(), row.recurringIntervalCount(),
                null, null, row.recurringInterval() != null, row.archived(), row.organizationId()));
    }
}
