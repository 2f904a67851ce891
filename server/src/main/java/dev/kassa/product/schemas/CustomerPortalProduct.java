package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.organization.schemas.CustomerOrganization;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * The product of an order or a subscription, as the customer portal shows it: Polar names it
 * {@code CustomerOrderProduct} and {@code CustomerSubscriptionProduct}, and so do the schemas that embed it.
 */
public record CustomerPortalProduct(
        @JsonUnwrapped ProductBase base,
        List<ProductPrice> prices,
        @Schema(description = "Always empty: Kassa has no benefits yet.") List<Map<String, Object>> benefits,
        @Schema(description = "Always empty: Kassa has no media yet.") List<Map<String, Object>> medias,
        CustomerOrganization organization) {
}
