package dev.kassa.discount.schemas;

import dev.kassa.platform.openapi.SchemaName;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** What every {@code Discount*Base} member has after its type's fields; embedded with {@code @JsonUnwrapped}. */
public record DiscountBaseFields(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        String name,
        @Nullable String code,
        @Nullable Instant startsAt,
        @Nullable Instant endsAt,
        @Nullable Integer maxRedemptions,
        @Nullable Integer maxRedemptionsPerCustomer,
        int redemptionsCount,
        UUID organizationId) {
}
