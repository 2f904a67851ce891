package dev.kassa.organization.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * The organization as a buyer sees it: the fields of Polar's {@code CheckoutOrganization} and also those of the
 * older public {@code Organization} (SDK 0.32), which the SDKs of that era require. Embedded with
 * {@link JsonUnwrapped}.
 */
public record OrganizationBase(
        Instant createdAt,
        @Nullable Instant modifiedAt,
        UUID id,
        String name,
        String slug,
        @Schema(description = "Always null in Kassa.") @Nullable String avatarUrl,
        @SchemaName("SubscriptionProrationBehavior") String prorationBehavior,
        boolean allowCustomerUpdates,
        @Schema(description = "Always null in Kassa.") @Nullable String email,
        @Schema(description = "Always null in Kassa.") @Nullable String website,
        @Schema(description = "Always empty in Kassa.") List<Map<String, Object>> socials,
        @Schema(description = "Always null in Kassa.") @Nullable Instant detailsSubmittedAt,
        @Schema(description = "Always null in Kassa.") @Nullable Map<String, Object> featureSettings,
        OrganizationSubscriptionSettings subscriptionSettings) {

    /** Kassa's fixed subscription rules: one subscription per product and customer, changes prorated. */
    static final String PRORATION_BEHAVIOR = "prorate";
    static final boolean ALLOW_CUSTOMER_UPDATES = true;
}
