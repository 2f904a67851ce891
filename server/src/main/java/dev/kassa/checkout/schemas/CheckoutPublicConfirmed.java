package dev.kassa.checkout.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.Constant;
import dev.kassa.organization.schemas.CheckoutOrganization;
import dev.kassa.product.schemas.AttachedCustomField;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Polar's {@code CheckoutPublicConfirmed}: the confirmed checkout, with the buyer's customer session token. */
@Schema(description = "The checkout after confirming: status confirmed, with a customer session token.")
@Constant(property = "status", value = "confirmed")
public record CheckoutPublicConfirmed(
        @JsonUnwrapped CheckoutBase base,
        @JsonUnwrapped CheckoutSelection selection,
        CheckoutOrganization organization,
        List<AttachedCustomField> attachedCustomFields,
        @Schema(description = "A customer session token (`polar_cst_...`) for the customer portal, shown only here; an"
                + " empty string when the buyer was matched to an existing customer by email only (Polar sends null"
                + " then, which SDK 0.32.10 cannot parse).")
        String customerSessionToken) {
}
