package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import java.util.Map;

/** Polar's {@code OrderProduct}: the product of an order, with its metadata and without prices. */
public record OrderProduct(@SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @JsonUnwrapped ProductBase base) {
}
