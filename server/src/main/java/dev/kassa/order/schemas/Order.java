package dev.kassa.order.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.customer.schemas.Customer;
import dev.kassa.discount.schemas.DiscountEmbed;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.OrderProduct;
import dev.kassa.subscription.schemas.OrderSubscription;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Polar's {@code Order}: the merchant's view. */
@Schema(description = "A paid order, as the merchant sees it.")
public record Order(
        @JsonUnwrapped OrderBase base,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @Schema(description = "Values by custom field slug.") Map<String, Object> customFieldData,
        @SchemaName("OrderCustomer") Customer customer,
        @Nullable OrderProduct product,
        @SchemaName(DiscountEmbed.UNION) @Nullable DiscountEmbed discount,
        @Nullable OrderSubscription subscription,
        List<OrderItemSchema> items) {
}
