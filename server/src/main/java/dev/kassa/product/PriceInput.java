package dev.kassa.product;

import dev.kassa.product.ProductPrice.TaxBehavior;
import java.util.UUID;

/** One entry of a {@code prices} list in a create or update body; {@code index} is its position there. */
sealed interface PriceInput {

    int index();

    /** {@code {"id": ...}}: keep an existing price of the product (update only). */
    record Existing(int index, UUID id) implements PriceInput {
    }

    record NewFixed(int index, String currency, long amount, TaxBehavior taxBehavior) implements PriceInput {
    }

    record NewCustom(int index, String currency, long minimumAmount, Long maximumAmount, Long presetAmount,
            TaxBehavior taxBehavior) implements PriceInput {
    }
}
