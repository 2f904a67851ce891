package dev.kassa.product;

import dev.kassa.product.Product.RecurringInterval;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Validated request bodies, in Polar's schema names. */
final class ProductCommands {

    private ProductCommands() {
    }

    record AttachedFieldInput(UUID customFieldId, boolean required) {
    }

    record ProductCreate(String name, String description, RecurringInterval recurringInterval,
            Integer recurringIntervalCount, List<PriceInput> prices, List<AttachedFieldInput> attachedCustomFields,
            UUID organizationId, Map<String, Object> metadata) {
    }

    /**
     * A PATCH: a null component means "leave unchanged", except {@code description}, which is cleared when
     * {@code descriptionPresent} and null.
     */
    record ProductUpdate(String name, boolean descriptionPresent, String description,
            RecurringInterval recurringInterval, Boolean archived, List<PriceInput> prices,
            List<AttachedFieldInput> attachedCustomFields, Map<String, Object> metadata) {
    }
}
