package dev.kassa.product;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A product with its active (non-archived) prices, in display order, and its attached custom fields. */
public record Product(UUID id, UUID organizationId, String name, String description, RecurringInterval recurringInterval,
        Integer recurringIntervalCount, boolean archived, Map<String, Object> metadata, Instant createdAt,
        Instant modifiedAt, List<ProductPrice> prices, List<AttachedField> attachedCustomFields) {

    public Product {
        prices = List.copyOf(prices);
        attachedCustomFields = List.copyOf(attachedCustomFields);
        // Immutable, as a product may be shared between requests (CatalogMemo); values may be null, so no Map.copyOf.
        metadata = metadata == null ? null : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(metadata));
    }

    public boolean recurring() {
        return recurringInterval != null;
    }

    public record AttachedField(UUID customFieldId, int order, boolean required) {
    }

    public enum RecurringInterval {
        DAY, WEEK, MONTH, YEAR;

        public String wireName() {
            return name().toLowerCase();
        }

        public static RecurringInterval fromWireName(String name) {
            return name == null ? null : valueOf(name.toUpperCase());
        }
    }
}
