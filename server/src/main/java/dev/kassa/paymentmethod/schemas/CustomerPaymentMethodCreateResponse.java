package dev.kassa.paymentmethod.schemas;

import dev.kassa.platform.openapi.Constant;
import dev.kassa.platform.openapi.SchemaName;

/** Polar's {@code CustomerPaymentMethodCreateResponse}: the card is saved, or the buyer must authenticate first. */
public sealed interface CustomerPaymentMethodCreateResponse {

    String UNION = "CustomerPaymentMethodCreateSucceededResponse | CustomerPaymentMethodCreateRequiresActionResponse";

    @SchemaName("CustomerPaymentMethodCreateSucceededResponse")
    record Succeeded(@Constant("succeeded") String status,
            @SchemaName(CustomerPaymentMethod.UNION) CustomerPaymentMethod paymentMethod)
            implements CustomerPaymentMethodCreateResponse {
    }

    @SchemaName("CustomerPaymentMethodCreateRequiresActionResponse")
    record RequiresAction(@Constant("requires_action") String status, String clientSecret)
            implements CustomerPaymentMethodCreateResponse {
    }
}
