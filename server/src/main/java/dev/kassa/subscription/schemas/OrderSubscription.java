package dev.kassa.subscription.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import java.util.Map;

/** Polar's {@code OrderSubscription}: the subscription an order belongs to. */
public record OrderSubscription(@SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @JsonUnwrapped SubscriptionBase base) {
}
