package dev.kassa.organization.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** Polar's {@code CustomerOrganization}: the seller, as the customer portal shows it. */
@Schema(description = "The organization, as the customer portal shows it.")
public record CustomerOrganization(@JsonUnwrapped OrganizationBase base,
        OrganizationCustomerPortalSettings customerPortalSettings) {
}
