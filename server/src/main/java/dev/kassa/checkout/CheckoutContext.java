package dev.kassa.checkout;

import dev.kassa.customfield.CustomFieldData;
import dev.kassa.discount.Discount;
import dev.kassa.organization.Organization;
import dev.kassa.product.Product;
import dev.kassa.product.ProductPrice;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Everything a checkout's rules and views need besides its row, loaded in a bounded number of queries. */
record CheckoutContext(Organization organization, Map<UUID, Product> products, Product product, ProductPrice price,
        Discount discount, List<CustomFieldData.AttachedField> attachedFields) {

    List<ProductPrice> priceSet(String currency) {
        return PriceSelection.priceSet(product, currency);
    }
}
