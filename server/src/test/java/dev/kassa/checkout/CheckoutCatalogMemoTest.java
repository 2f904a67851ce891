package dev.kassa.checkout;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A checkout shows and charges its catalog as it is now, though the node remembers catalogs it read (product's
 * CatalogMemo, keyed by the organization's catalog version): every change of a product, a price or an attached
 * field is seen by the next request.
 */
class CheckoutCatalogMemoTest extends CheckoutTestSupport {

    @Test
    void aProductRenamedAfterItsCheckoutWasShownIsShownWithItsNewName() {
        String product = fixedProduct("Old name", 1000);
        String secret = (String) checkoutFor(product).get("client_secret");
        clientGet(secret).statusCode(200).body("product.name", equalTo("Old name"));

        as(tenant).body(Map.of("name", "New name")).patch("/v1/products/" + product).then().statusCode(200);

        clientGet(secret).statusCode(200).body("product.name", equalTo("New name"));
    }

    @Test
    void aPriceReplacedAfterItsCheckoutWasShownCannotBeCharged() {
        String product = fixedProduct("Book", 1000);
        Map<String, Object> checkout = checkoutFor(product);
        String secret = (String) checkout.get("client_secret");
        clientGet(secret).statusCode(200).body("product.prices[0].price_amount", equalTo(1000));

        as(tenant).body(Map.of("prices", List.of(Map.of("amount_type", "fixed", "price_amount", 2000))))
                .patch("/v1/products/" + product).then().statusCode(200);

        clientGet(secret).statusCode(200).body("product.prices[0].price_amount", equalTo(2000));
        confirm(secret, paidBody("late@example.com", "pm_card_visa")).statusCode(422).body("detail.msg", hasItem("Price is archived."));
    }

    @Test
    void aFieldAttachedAfterItsCheckoutWasShownIsAsked() {
        String product = fixedProduct("Course", 1000);
        String secret = (String) checkoutFor(product).get("client_secret");
        clientGet(secret).statusCode(200).body("attached_custom_fields", equalTo(List.of()));
        String field = textField("company");

        as(tenant).body(Map.of("attached_custom_fields", List.of(Map.of("custom_field_id", field, "required", true))))
                .patch("/v1/products/" + product).then().statusCode(200);

        clientGet(secret).statusCode(200).body("attached_custom_fields[0].custom_field.slug", equalTo("company"))
                .body("attached_custom_fields[0].required", equalTo(true));
    }
}
