package dev.kassa.organization.schemas;

import dev.kassa.platform.openapi.SchemaName;

/**
 * Polar's {@code OrganizationCustomerPortalSettings}. Kassa's portal shows no usage and lets customers change
 * neither seats nor plan yet.
 */
public record OrganizationCustomerPortalSettings(Usage usage, Subscription subscription) {

    static final OrganizationCustomerPortalSettings KASSA = new OrganizationCustomerPortalSettings(new Usage(false),
            new Subscription(false, false));

    /** Polar's {@code CustomerPortalUsageSettings}. */
    @SchemaName("CustomerPortalUsageSettings")
    public record Usage(boolean show) {
    }

    /** Polar's {@code CustomerPortalSubscriptionSettings}. */
    @SchemaName("CustomerPortalSubscriptionSettings")
    public record Subscription(boolean updateSeats, boolean updatePlan) {
    }
}
