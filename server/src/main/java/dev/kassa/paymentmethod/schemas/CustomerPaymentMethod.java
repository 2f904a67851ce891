package dev.kassa.paymentmethod.schemas;

import dev.kassa.platform.openapi.Constant;
import dev.kassa.platform.openapi.SchemaName;
import java.time.Instant;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * A saved payment method as the customer portal shows it: Polar's {@code CustomerPaymentMethod} union of a card
 * (with what it shows) and any other type. Which one is the default is the portal customer's
 * {@code default_payment_method_id}.
 */
public sealed interface CustomerPaymentMethod {

    String UNION = "PaymentMethodCard | PaymentMethodGeneric";

    @SchemaName("PaymentMethodCard")
    record Card(UUID id, Instant createdAt, @Nullable Instant modifiedAt, @Constant("stripe") String processor,
            UUID customerId, @Constant("card") String type, PaymentMethodCardMetadata methodMetadata)
            implements CustomerPaymentMethod {
    }

    @SchemaName("PaymentMethodGeneric")
    record Generic(UUID id, Instant createdAt, @Nullable Instant modifiedAt, @Constant("stripe") String processor,
            UUID customerId, String type) implements CustomerPaymentMethod {
    }

    /** Polar's {@code PaymentMethodCardMetadata}. */
    record PaymentMethodCardMetadata(String brand, String last4, long expMonth, long expYear, @Nullable String wallet) {
    }
}
