package dev.kassa.checkout.schemas;

import dev.kassa.discount.schemas.CheckoutDiscount;
import dev.kassa.platform.openapi.SchemaName;
import dev.kassa.product.schemas.CheckoutProduct;
import dev.kassa.product.schemas.ProductPrice;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** What the checkout offers: its products, the selected one and price, every product's prices, the discount. */
public record CheckoutSelection(
        List<CheckoutProduct> products,
        CheckoutProduct product,
        ProductPrice productPrice,
        @Schema(description = "The prices of each product of the checkout, by product id.")
        Map<String, List<ProductPrice>> prices,
        @SchemaName(CheckoutDiscount.UNION) @Nullable CheckoutDiscount discount) {
}
