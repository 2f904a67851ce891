package dev.kassa.subscription.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.CustomerPortalProduct;
import dev.kassa.product.schemas.ProductPrice;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** Polar's {@code CustomerSubscription}: a subscription of the authenticated customer. */
@Schema(description = "A subscription of the authenticated customer.")
public record CustomerSubscription(
        @JsonUnwrapped SubscriptionBase base,
        @SchemaName("CustomerSubscriptionProduct") CustomerPortalProduct product,
        List<ProductPrice> prices,
        @Schema(description = "Always empty: Kassa has no meters.") List<Map<String, Object>> meters,
        @Schema(description = "Always null: Kassa schedules no plan changes.") @Nullable Map<String, Object> pendingUpdate) {
}
