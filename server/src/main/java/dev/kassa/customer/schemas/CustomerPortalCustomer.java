package dev.kassa.customer.schemas;

import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/** Polar's {@code CustomerPortalCustomer}: what the buyer sees of themselves. */
@Schema(description = "The authenticated customer, as they see themselves.")
public record CustomerPortalCustomer(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        String email,
        boolean emailVerified,
        @Nullable String name,
        @Nullable String billingName,
        @SchemaName("Address") @Nullable Map<String, Object> billingAddress,
        @Nullable List<String> taxId,
        @Schema(description = "Always empty in Kassa.") Map<String, Map<String, Object>> oauthAccounts,
        @Nullable String defaultPaymentMethodId,
        @SchemaName("CustomerType") String type,
        @Nullable String locale) {
}
