package dev.kassa.subscription.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.customer.schemas.Customer;
import dev.kassa.discount.schemas.DiscountEmbed;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.Product;
import dev.kassa.product.schemas.ProductPrice;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Polar's {@code Subscription}: the merchant's view. */
@Schema(description = "A subscription, as the merchant sees it.")
public record Subscription(
        @JsonUnwrapped SubscriptionBase base,
        @SchemaName("MetadataOutputType") Map<String, Object> metadata,
        @Schema(description = "Values by custom field slug.") Map<String, Object> customFieldData,
        @SchemaName("SubscriptionCustomer") Customer customer,
        Product product,
        @SchemaName(DiscountEmbed.UNION) @Nullable DiscountEmbed discount,
        @Schema(description = "The subscription's price (possibly archived since).") List<ProductPrice> prices,
        @Schema(description = "Always empty: Kassa has no meters.") List<Map<String, Object>> meters,
        @Schema(description = "Always null: Kassa schedules no plan changes.") @Nullable Map<String, Object> pendingUpdate) {
}
