package dev.kassa.product.schemas;

import dev.kassa.customfield.CustomField;
import dev.kassa.platform.openapi.SchemaName;
import java.util.UUID;

/** Polar's {@code AttachedCustomField}: a custom field of a product or checkout, in form order. */
public record AttachedCustomField(UUID customFieldId, @SchemaName("CustomField") CustomField customField, int order,
        boolean required) {
}
