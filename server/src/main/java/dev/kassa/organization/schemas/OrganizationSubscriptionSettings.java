package dev.kassa.organization.schemas;

import dev.kassa.platform.openapi.SchemaName;

/** Polar's {@code OrganizationSubscriptionSettings}, fixed in Kassa. */
public record OrganizationSubscriptionSettings(boolean allowMultipleSubscriptions, boolean allowCustomerUpdates,
        @SchemaName("SubscriptionProrationBehavior") String prorationBehavior) {
}
