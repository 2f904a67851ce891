package dev.kassa.product.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.organization.schemas.CustomerOrganization;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/** Polar's {@code CustomerOrderProduct}: the product of an order, as the customer portal shows it. */
public record CustomerOrderProduct(
        @JsonUnwrapped ProductBase base,
        List<ProductPrice> prices,
        @Schema(description = "Always empty: Kassa has no benefits yet.") List<Map<String, Object>> benefits,
        @Schema(description = "Always empty: Kassa has no media yet.") List<Map<String, Object>> medias,
        CustomerOrganization organization) {
}
