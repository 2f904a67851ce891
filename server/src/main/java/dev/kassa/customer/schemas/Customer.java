package dev.kassa.customer.schemas;

import dev.kassa.platform.openapi.Constant;
import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Polar's {@code Customer} (its {@code CustomerIndividual} member: Kassa has no team customers), also embedded as
 * {@code OrderCustomer} and {@code SubscriptionCustomer}, which have the same fields. {@code tax_id} is Polar's
 * {@code [number, format]} pair.
 */
@Schema(description = "A customer of the organization.")
public record Customer(
        UUID id,
        Instant createdAt,
        @Nullable Instant modifiedAt,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @Nullable String externalId,
        String email,
        boolean emailVerified,
        @Schema(description = "Always individual: Kassa has no team customers.") @Constant("individual") String type,
        @Nullable String name,
        @Nullable String billingName,
        @SchemaName("Address") @Nullable Map<String, Object> billingAddress,
        @Schema(description = "The tax ID and its format, such as [\"DE123456789\", \"eu_vat\"].") @Nullable List<String> taxId,
        @Nullable String locale,
        UUID organizationId,
        @Schema(description = "Always null: Kassa keeps no payment methods.") @Nullable String defaultPaymentMethodId,
        @Nullable Instant deletedAt,
        @Schema(description = "Always null: Kassa has no usage events.") @Nullable Instant firstUserEventAt,
        @Nullable String avatarUrl) {
}
