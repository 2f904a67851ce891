package dev.kassa.checkout.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.AttachedCustomField;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code Checkout}: a checkout session, as the merchant sees it. */
@Schema(description = "A checkout session, as the merchant sees it.")
public record Checkout(
        @JsonUnwrapped CheckoutBase base,
        @SchemaName("SubscriptionRecurringInterval") @Nullable String trialInterval,
        @Nullable Integer trialIntervalCount,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @Nullable String externalCustomerId,
        @Schema(description = "Deprecated: use external_customer_id.") @Nullable String customerExternalId,
        @JsonUnwrapped CheckoutSelection selection,
        @Nullable UUID subscriptionId,
        List<AttachedCustomField> attachedCustomFields,
        @SchemaName("MetadataOutputType") Map<String, Object> customerMetadata) {
}
