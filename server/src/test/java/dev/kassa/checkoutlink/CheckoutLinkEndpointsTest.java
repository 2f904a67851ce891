package dev.kassa.checkoutlink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code /v1/checkout-links} (reference 1.10): the merchant API and the public redirect. */
class CheckoutLinkEndpointsTest extends ApiTest {

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    String product(Map<String, Object> body) {
        return as(tenant).body(body).post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    String fixedProduct(String name, long amount) {
        return product(Map.of("name", name, "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))));
    }

    ValidatableResponse createLink(Map<String, Object> body) {
        Map<String, Object> withProcessor = new HashMap<>(Map.of("payment_processor", "stripe"));
        withProcessor.putAll(body);
        return as(tenant).body(withProcessor).post("/v1/checkout-links/").then();
    }

    Map<String, Object> link(Map<String, Object> body) {
        return createLink(body).statusCode(201).extract().jsonPath().getMap("");
    }

    Response redirect(String clientSecret, String query) {
        return anonymous().redirects().follow(false).get("/v1/checkout-links/" + clientSecret + "/redirect" + query);
    }

    /** The checkout a redirect's Location points to, read with its client secret. */
    Map<String, Object> checkoutAt(String location) {
        String path = URI.create(location).getPath();
        String secret = path.substring(path.lastIndexOf('/') + 1);
        return anonymous().get("/v1/checkouts/client/" + secret).then().statusCode(200).extract().jsonPath().getMap("");
    }

    @Nested
    class Create {

        @Test
        void createsALinkWithPolarsFieldsAndARedirectUrl() {
            String product = fixedProduct("E-book", 1500);
            Map<String, Object> created = link(Map.of("products", List.of(product), "label", "Launch", "success_url",
                    "https://example.com/thanks", "metadata", Map.of("campaign", "launch")));

            assertThat(created).containsOnlyKeys("id", "created_at", "modified_at", "trial_interval", "trial_interval_count",
                    "metadata", "payment_processor", "client_secret", "success_url", "return_url", "label", "allow_discount_codes",
                    "require_billing_address", "discount_id", "seats", "units", "organization_id", "products", "discount", "url");
            assertThat((String) created.get("client_secret")).matches("polar_cl_[A-Za-z0-9]{43}");
            assertThat(created.get("url")).isEqualTo("http://localhost:8000/v1/checkout-links/" + created.get("client_secret") + "/redirect");
            assertThat(created).containsEntry("payment_processor", "stripe").containsEntry("label", "Launch")
                    .containsEntry("success_url", "https://example.com/thanks").containsEntry("allow_discount_codes", true)
                    .containsEntry("require_billing_address", false).containsEntry("metadata", Map.of("campaign", "launch"))
                    .containsEntry("organization_id", tenant.organizationId().toString()).containsEntry("discount", null)
                    .containsEntry("seats", null).containsEntry("units", null).containsEntry("modified_at", null);
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> products = (List<Map<String, Object>>) created.get("products");
            assertThat(products).hasSize(1);
            assertThat(products.getFirst()).containsEntry("id", product).containsEntry("name", "E-book")
                    .containsEntry("metadata", Map.of()).containsEntry("benefits", List.of()).containsEntry("medias", List.of())
                    .containsKeys("prices", "is_recurring", "organization_id", "visibility");
        }

        @Test
        void withoutPaymentProcessorIsA422() {
            as(tenant).body(Map.of("products", List.of(fixedProduct("E-book", 1500)))).post("/v1/checkout-links/").then()
                    .statusCode(422).body("error", equalTo("RequestValidationError")).body("detail", hasSize(1))
                    .body("detail[0].type", equalTo("missing")).body("detail[0].loc", equalTo(List.of("body", "payment_processor")));
        }

        @Test
        void anUnknownProductIsA422AtItsIndex() {
            String unknown = UUID.randomUUID().toString();
            createLink(Map.of("products", List.of(fixedProduct("E-book", 1500), unknown))).statusCode(422)
                    .body("error", equalTo("PolarRequestValidationError")).body("detail", hasSize(1))
                    .body("detail[0].loc", equalTo(List.of("body", "products", 1)))
                    .body("detail[0].msg", equalTo("Product does not exist.")).body("detail[0].input", equalTo(unknown));
        }

        @Test
        void anArchivedProductIsA422() {
            String product = fixedProduct("Old", 1500);
            as(tenant).body(Map.of("is_archived", true)).patch("/v1/products/" + product).then().statusCode(200);
            createLink(Map.of("products", List.of(product))).statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "products", 0))).body("detail[0].msg", equalTo("Product is archived."));
        }

        @Test
        void anotherOrganizationsDiscountIsA422() {
            createLink(Map.of("products", List.of(fixedProduct("E-book", 1500)), "discount_id", UUID.randomUUID().toString()))
                    .statusCode(422).body("detail[0].loc", equalTo(List.of("body", "discount_id")))
                    .body("detail[0].msg", equalTo("Discount does not exist or is not applicable to this product."));
        }

        @Test
        void seatsAreA422BecauseNoProductIsSeatBased() {
            createLink(Map.of("products", List.of(fixedProduct("E-book", 1500)), "seats", 3)).statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "seats")))
                    .body("detail[0].msg", equalTo("Seats can only be preconfigured when all products use seat-based pricing."));
        }

        @Test
        void aTrialIntervalWithoutCountIsA422() {
            createLink(Map.of("products", List.of(fixedProduct("E-book", 1500)), "trial_interval", "month")).statusCode(422)
                    .body("detail[0].type", equalTo("missing")).body("detail[0].loc", equalTo(List.of("body")))
                    .body("detail[0].msg", equalTo("Both trial_interval and trial_interval_count must be set together."));
        }

        @Test
        void aTokenWithoutTheWriteScopeIsForbidden() {
            Tenant reader = data.withScopes(tenant, java.util.Set.of(dev.kassa.auth.Scope.CHECKOUT_LINKS_READ));
            as(reader).body(Map.of("payment_processor", "stripe", "products", List.of(fixedProduct("E-book", 1500))))
                    .post("/v1/checkout-links/").then().statusCode(403).body("error", equalTo("insufficient_scope"));
        }
    }

    @Nested
    class ReadUpdateDelete {

        @Test
        void getAndListReturnTheLink() {
            String product = fixedProduct("E-book", 1500);
            String id = (String) link(Map.of("products", List.of(product))).get("id");
            fixedProduct("Other", 900);

            as(tenant).get("/v1/checkout-links/" + id).then().statusCode(200).body("id", equalTo(id));
            as(tenant).get("/v1/checkout-links/?product_id=" + product).then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].id", equalTo(id))
                    .body("pagination.total_count", equalTo(1)).body("pagination.max_page", equalTo(1));
        }

        @Test
        void anotherOrganizationsLinkIsNotFound() {
            String id = (String) link(Map.of("products", List.of(fixedProduct("E-book", 1500)))).get("id");
            as(data.tenant()).get("/v1/checkout-links/" + id).then().statusCode(404)
                    .body("error", equalTo("ResourceNotFound")).body("detail", equalTo("Not found"));
        }

        @Test
        void updateChangesOnlyTheGivenFieldsAndClearsWithNull() {
            Map<String, Object> created = link(Map.of("products", List.of(fixedProduct("E-book", 1500)), "label", "A",
                    "success_url", "https://example.com/a"));
            String second = fixedProduct("Second", 900);

            as(tenant).body(Map.of("label", "B", "products", List.of(second), "allow_discount_codes", false))
                    .patch("/v1/checkout-links/" + created.get("id")).then().statusCode(200)
                    .body("label", equalTo("B")).body("allow_discount_codes", equalTo(false))
                    .body("success_url", equalTo("https://example.com/a")).body("products", hasSize(1))
                    .body("products[0].id", equalTo(second)).body("modified_at", matchesPattern(".+"));
            Map<String, Object> clear = new HashMap<>();
            clear.put("success_url", null);
            as(tenant).body(clear).patch("/v1/checkout-links/" + created.get("id")).then().statusCode(200)
                    .body("success_url", nullValue()).body("label", equalTo("B"));
        }

        @Test
        void deleteAnswers204AndTheLinkIsGone() {
            Map<String, Object> created = link(Map.of("products", List.of(fixedProduct("E-book", 1500))));
            as(tenant).delete("/v1/checkout-links/" + created.get("id")).then().statusCode(204);

            as(tenant).get("/v1/checkout-links/" + created.get("id")).then().statusCode(404);
            assertThat(redirect((String) created.get("client_secret"), "").statusCode()).isEqualTo(404);
        }
    }

    @Nested
    class Redirect {

        @Test
        void opensAFreshCheckoutAndRedirectsWith307() {
            String product = fixedProduct("E-book", 1500);
            Map<String, Object> created = link(Map.of("products", List.of(product), "success_url", "https://example.com/thanks",
                    "metadata", Map.of("campaign", "launch")));

            Response response = redirect((String) created.get("client_secret"), "");

            assertThat(response.statusCode()).isEqualTo(307);
            String location = response.header("Location");
            assertThat(location).matches("http://localhost:8000/checkout/polar_c_[A-Za-z0-9]+");
            Map<String, Object> checkout = checkoutAt(location);
            assertThat(checkout).containsEntry("status", "open").containsEntry("product_id", product)
                    .containsEntry("success_url", "https://example.com/thanks").containsEntry("allow_discount_codes", true);
            Map<String, Object> merchantView = as(tenant).get("/v1/checkouts/" + checkout.get("id")).then().statusCode(200)
                    .extract().jsonPath().getMap("");
            assertThat(merchantView).containsEntry("metadata", Map.of("campaign", "launch"));
            assertThat(redirect((String) created.get("client_secret"), "").header("Location")).isNotEqualTo(location);
        }

        @Test
        void appliesThePrefillAndKeepsTheLinksMetadataKeys() {
            String first = fixedProduct("First", 1500);
            String pwyw = product(Map.of("name", "Tip jar", "prices", List.of(Map.of("amount_type", "custom", "minimum_amount", 500))));
            Map<String, Object> created = link(Map.of("products", List.of(first, pwyw), "metadata", Map.of("utm_source", "link")));

            Response response = redirect((String) created.get("client_secret"), "?product_id=" + pwyw
                    + "&amount=1234.9&customer_email=ada@example.com&customer_name=Ada&reference_id=r-1&utm_source=query&utm_medium=mail");

            Map<String, Object> checkout = checkoutAt(response.header("Location"));
            assertThat(checkout).containsEntry("product_id", pwyw).containsEntry("amount", 1234)
                    .containsEntry("customer_email", "ada@example.com").containsEntry("customer_name", "Ada");
            assertThat(as(tenant).get("/v1/checkouts/" + checkout.get("id")).then().extract().jsonPath().getMap("metadata"))
                    .isEqualTo(Map.of("utm_source", "link", "reference_id", "r-1", "utm_medium", "mail"));
        }

        @Test
        void invalidPrefillValuesAreDroppedNotErrors() {
            String pwyw = product(Map.of("name", "Tip jar", "prices", List.of(Map.of("amount_type", "custom", "minimum_amount", 500))));
            Map<String, Object> created = link(Map.of("products", List.of(pwyw)));

            Response response = redirect((String) created.get("client_secret"), "?amount=10&customer_email=not-an-email&discount_code=NOPE");

            assertThat(response.statusCode()).isEqualTo(307);
            Map<String, Object> checkout = checkoutAt(response.header("Location"));
            assertThat(checkout).containsEntry("amount", 500).containsEntry("customer_email", null).containsEntry("discount_id", null);
        }

        @Test
        void aValidDiscountCodeIsApplied() {
            String product = fixedProduct("E-book", 2000);
            String discount = as(tenant).body(Map.of("name", "Ten", "type", "percentage", "basis_points", 1000, "duration", "once",
                    "code", "TENOFF")).post("/v1/discounts/").then().statusCode(201).extract().path("id");
            Map<String, Object> created = link(Map.of("products", List.of(product)));

            Map<String, Object> checkout = checkoutAt(redirect((String) created.get("client_secret"), "?discount_code=tenoff").header("Location"));

            assertThat(checkout).containsEntry("discount_id", discount).containsEntry("discount_amount", 200);
        }

        @Test
        void unknownParametersAreForwardedToTheCheckoutPage() {
            Map<String, Object> created = link(Map.of("products", List.of(fixedProduct("E-book", 1500))));

            String location = redirect((String) created.get("client_secret"), "?customer_name=Ada&theme=dark&embed_origin=https://shop.example")
                    .header("Location");

            assertThat(URI.create(location).getQuery()).isEqualTo("theme=dark");
            assertThat(checkoutAt(location)).containsEntry("embed_origin", "https://shop.example");
        }

        @Test
        void aMalformedProductIdIsA422() {
            Map<String, Object> created = link(Map.of("products", List.of(fixedProduct("E-book", 1500))));
            redirect((String) created.get("client_secret"), "?product_id=nope").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "product_id")));
        }

        @Test
        void anUnknownLinkIsNotFound() {
            redirect("polar_cl_unknown", "").then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void aLinkWhoseProductsAreAllArchivedIsA422() {
            String product = fixedProduct("E-book", 1500);
            Map<String, Object> created = link(Map.of("products", List.of(product)));
            as(tenant).body(Map.of("is_archived", true)).patch("/v1/products/" + product).then().statusCode(200);

            redirect((String) created.get("client_secret"), "").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "products"))).body("detail[0].msg", equalTo("No valid products."));
        }
    }
}
