package dev.kassa.organization.schemas;

import dev.kassa.organization.Organization;
import java.util.List;

/** Builds the organization's response records. */
public final class OrganizationSchemas {

    private OrganizationSchemas() {
    }

    public static CheckoutOrganization checkout(Organization organization) {
        return new CheckoutOrganization(base(organization));
    }

    public static CustomerOrganization customer(Organization organization) {
        return new CustomerOrganization(base(organization), customerPortalSettings(organization));
    }

    /** What the organization lets its customers do in the portal (the same for every organization in Kassa). */
    public static OrganizationCustomerPortalSettings customerPortalSettings(Organization organization) {
        return OrganizationCustomerPortalSettings.KASSA;
    }

    private static OrganizationBase base(Organization organization) {
        return new OrganizationBase(organization.createdAt(), organization.modifiedAt(), organization.id(),
                organization.name(), organization.slug(), null, OrganizationBase.PRORATION_BEHAVIOR,
                // Polar's allow_customer_updates is the portal's update_plan setting (the subscription settings'
                // field of that name is a legacy one, left at Polar's default).
                customerPortalSettings(organization).subscription().updatePlan(), null, null, List.of(), null, null,
                new OrganizationSubscriptionSettings(false, OrganizationBase.ALLOW_CUSTOMER_UPDATES,
                        OrganizationBase.PRORATION_BEHAVIOR));
    }
}
