package dev.kassa.organization.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;

/** Polar's {@code CheckoutOrganization}: the seller, as a checkout shows it to the buyer. */
@Schema(description = "The organization's public fields, as a buyer sees them.")
public record CheckoutOrganization(@JsonUnwrapped OrganizationBase base) {
}
