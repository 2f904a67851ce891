package dev.kassa.order.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.CustomerPortalProduct;
import dev.kassa.subscription.schemas.CustomerOrderSubscription;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Polar's {@code CustomerOrder}: an order of the authenticated customer, without metadata or discount. */
@Schema(description = "An order of the authenticated customer.")
public record CustomerOrder(
        @JsonUnwrapped OrderBase base,
        @SchemaName("CustomerOrderProduct") @Nullable CustomerPortalProduct product,
        @Nullable CustomerOrderSubscription subscription,
        List<OrderItemSchema> items) {
}
