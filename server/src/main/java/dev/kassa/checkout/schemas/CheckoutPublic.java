package dev.kassa.checkout.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.organization.schemas.CheckoutOrganization;
import dev.kassa.product.schemas.AttachedCustomField;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;

/** Polar's {@code CheckoutPublic}: a checkout session, as the buyer sees it through its client secret. */
@Schema(description = "A checkout session, as the buyer sees it through its client secret.")
public record CheckoutPublic(
        @JsonUnwrapped CheckoutBase base,
        @JsonUnwrapped CheckoutSelection selection,
        CheckoutOrganization organization,
        List<AttachedCustomField> attachedCustomFields) {
}
