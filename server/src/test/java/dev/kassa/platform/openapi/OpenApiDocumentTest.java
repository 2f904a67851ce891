package dev.kassa.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code GET /openapi.json} is Polar's OpenAPI 3.1 document, reduced to the operations Kassa implements. */
class OpenApiDocumentTest extends ApiTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

    private static final Map<String, String> OPERATION_IDS = new TreeMap<>(Map.ofEntries(
            Map.entry("GET /v1/products/", "products:list"),
            Map.entry("POST /v1/products/", "products:create"),
            Map.entry("GET /v1/products/{id}", "products:get"),
            Map.entry("PATCH /v1/products/{id}", "products:update"),
            Map.entry("DELETE /v1/products/{id}", "products:delete"),
            Map.entry("GET /v1/discounts/", "discounts:list"),
            Map.entry("POST /v1/discounts/", "discounts:create"),
            Map.entry("GET /v1/discounts/{id}", "discounts:get"),
            Map.entry("PATCH /v1/discounts/{id}", "discounts:update"),
            Map.entry("DELETE /v1/discounts/{id}", "discounts:delete"),
            Map.entry("GET /v1/checkout-links/", "checkout-links:list"),
            Map.entry("POST /v1/checkout-links/", "checkout-links:create"),
            Map.entry("GET /v1/checkout-links/{id}", "checkout-links:get"),
            Map.entry("PATCH /v1/checkout-links/{id}", "checkout-links:update"),
            Map.entry("DELETE /v1/checkout-links/{id}", "checkout-links:delete"),
            Map.entry("GET /v1/custom-fields/", "custom-fields:list"),
            Map.entry("POST /v1/custom-fields/", "custom-fields:create"),
            Map.entry("GET /v1/custom-fields/{id}", "custom-fields:get"),
            Map.entry("PATCH /v1/custom-fields/{id}", "custom-fields:update"),
            Map.entry("DELETE /v1/custom-fields/{id}", "custom-fields:delete"),
            Map.entry("GET /v1/checkouts/", "checkouts:list"),
            Map.entry("POST /v1/checkouts/", "checkouts:create"),
            Map.entry("GET /v1/checkouts/{id}", "checkouts:get"),
            Map.entry("PATCH /v1/checkouts/{id}", "checkouts:update"),
            Map.entry("GET /v1/checkouts/client/{client_secret}", "checkouts:client_get"),
            Map.entry("PATCH /v1/checkouts/client/{client_secret}", "checkouts:client_update"),
            Map.entry("POST /v1/checkouts/{id}/expire", "checkouts:expire"),
            Map.entry("POST /v1/test-helpers/subscriptions/{id}/advance", "test-helpers:advance_subscription"),
            Map.entry("POST /v1/checkouts/client/{client_secret}/confirm", "checkouts:client_confirm"),
            Map.entry("GET /v1/customers/", "customers:list"),
            Map.entry("POST /v1/customers/", "customers:create"),
            Map.entry("GET /v1/customers/{id}", "customers:get"),
            Map.entry("PATCH /v1/customers/{id}", "customers:update"),
            Map.entry("DELETE /v1/customers/{id}", "customers:delete"),
            Map.entry("GET /v1/customers/external/{external_id}", "customers:get_external"),
            Map.entry("PATCH /v1/customers/external/{external_id}", "customers:update_external"),
            Map.entry("DELETE /v1/customers/external/{external_id}", "customers:delete_external"),
            Map.entry("GET /v1/customers/{id}/state", "customers:get_state"),
            Map.entry("GET /v1/customers/external/{external_id}/state", "customers:get_state_external"),
            Map.entry("POST /v1/customer-sessions/", "customer-sessions:create"),
            Map.entry("GET /v1/orders/", "orders:list"),
            Map.entry("GET /v1/orders/{id}", "orders:get"),
            Map.entry("PATCH /v1/orders/{id}", "orders:update"),
            Map.entry("POST /v1/orders/{id}/invoice", "orders:generate_invoice"),
            Map.entry("GET /v1/orders/{id}/invoice", "orders:invoice"),
            Map.entry("GET /v1/orders/{id}/receipt", "orders:receipt"),
            Map.entry("GET /v1/subscriptions/", "subscriptions:list"),
            Map.entry("GET /v1/subscriptions/{id}", "subscriptions:get"),
            Map.entry("PATCH /v1/subscriptions/{id}", "subscriptions:update"),
            Map.entry("DELETE /v1/subscriptions/{id}", "subscriptions:revoke"),
            Map.entry("GET /v1/customer-portal/customers/me", "customer_portal:customers:get"),
            Map.entry("GET /v1/customer-portal/customers/me/payment-methods", "customer_portal:customers:list_payment_methods"),
            Map.entry("POST /v1/customer-portal/customers/me/payment-methods", "customer_portal:customers:add_payment_method"),
            Map.entry("POST /v1/customer-portal/customers/me/payment-methods/confirm",
                    "customer_portal:customers:confirm_payment_method"),
            Map.entry("DELETE /v1/customer-portal/customers/me/payment-methods/{id}",
                    "customer_portal:customers:delete_payment_method"),
            Map.entry("GET /v1/customer-portal/orders/", "customer_portal:orders:list"),
            Map.entry("GET /v1/customer-portal/orders/{id}", "customer_portal:orders:get"),
            Map.entry("PATCH /v1/customer-portal/orders/{id}", "customer_portal:orders:update"),
            Map.entry("POST /v1/customer-portal/orders/{id}/invoice", "customer_portal:orders:generate_invoice"),
            Map.entry("GET /v1/customer-portal/orders/{id}/invoice", "customer_portal:orders:invoice"),
            Map.entry("GET /v1/customer-portal/orders/{id}/receipt", "customer_portal:orders:receipt"),
            Map.entry("GET /v1/customer-portal/subscriptions/", "customer_portal:subscriptions:list"),
            Map.entry("GET /v1/customer-portal/subscriptions/{id}", "customer_portal:subscriptions:get"),
            Map.entry("PATCH /v1/customer-portal/subscriptions/{id}", "customer_portal:subscriptions:update"),
            Map.entry("DELETE /v1/customer-portal/subscriptions/{id}", "customer_portal:subscriptions:cancel"),
            Map.entry("GET /v1/webhooks/endpoints", "webhooks:list_webhook_endpoints"),
            Map.entry("POST /v1/webhooks/endpoints", "webhooks:create_webhook_endpoint"),
            Map.entry("GET /v1/webhooks/endpoints/{id}", "webhooks:get_webhook_endpoint"),
            Map.entry("PATCH /v1/webhooks/endpoints/{id}", "webhooks:update_webhook_endpoint"),
            Map.entry("PATCH /v1/webhooks/endpoints/{id}/secret", "webhooks:reset_webhook_endpoint_secret"),
            Map.entry("DELETE /v1/webhooks/endpoints/{id}", "webhooks:delete_webhook_endpoint"),
            Map.entry("GET /v1/webhooks/deliveries", "webhooks:list_webhook_deliveries"),
            Map.entry("POST /v1/webhooks/events/{id}/redeliver", "webhooks:redeliver_webhook_event"),
            Map.entry("GET /v1/refunds/", "refunds:list"),
            Map.entry("POST /v1/refunds/", "refunds:create"),
            Map.entry("GET /healthz", "health:liveness"),
            Map.entry("GET /readyz", "health:readiness")));

    private JsonPath document;

    @BeforeEach
    void fetchDocument() {
        document = anonymous().get("/openapi.json").then().statusCode(200).extract().jsonPath();
    }

    @Test
    void isAnOpenApi31Document() {
        assertThat(document.getString("openapi")).startsWith("3.1.");
    }

    @Test
    void describesExactlyTheImplementedOperationsWithPolarsOperationIds() {
        Map<String, String> ids = new TreeMap<>();
        operations().forEach((key, operation) -> ids.put(key, (String) operation.get("operationId")));

        assertThat(ids).isEqualTo(OPERATION_IDS);
    }

    @Test
    void collectionsAppearOnlyOnPolarsPathWithTheTrailingSlash() {
        assertThat(paths().keySet()).doesNotContain("/v1/products", "/v1/discounts", "/v1/custom-fields", "/v1/checkouts",
                "/v1/customers", "/v1/customer-sessions", "/v1/orders", "/v1/subscriptions", "/v1/customer-portal/orders",
                "/v1/customer-portal/subscriptions");
    }

    @Test
    void theLegacyCheckoutAliasesAreHiddenAsInPolarsDocument() {
        assertThat(paths().keySet()).noneMatch(path -> path.startsWith("/v1/checkouts/custom"));
    }

    @Test
    void theStripeWebhookIsNotPartOfTheApi() {
        assertThat(paths().keySet()).noneMatch(path -> path.startsWith("/v1/integrations"));
    }

    @Test
    void checkoutOperationsCarryPolarsSummaries() {
        Map<String, String> summaries = new TreeMap<>();
        operations().forEach((key, operation) -> {
            if (key.contains(" /v1/checkouts/")) {
                summaries.put(key, (String) operation.get("summary"));
            }
        });

        assertThat(summaries).isEqualTo(Map.of(
                "GET /v1/checkouts/", "List Checkout Sessions",
                "POST /v1/checkouts/", "Create Checkout Session",
                "GET /v1/checkouts/{id}", "Get Checkout Session",
                "PATCH /v1/checkouts/{id}", "Update Checkout Session",
                "GET /v1/checkouts/client/{client_secret}", "Get Checkout Session from Client",
                "PATCH /v1/checkouts/client/{client_secret}", "Update Checkout Session from Client",
                "POST /v1/checkouts/{id}/expire", "Expire Checkout Session",
                "POST /v1/checkouts/client/{client_secret}/confirm", "Confirm Checkout Session from Client"));
        assertThat(operations().values()).filteredOn(o -> ((String) o.get("operationId")).startsWith("checkouts:"))
                .allSatisfy(o -> assertThat(o.get("tags")).isEqualTo(List.of("checkouts")));
        assertThat((String) operation("POST /v1/checkouts/{id}/expire").get("description")).contains("Kassa only");
        assertThat((String) operation("GET /v1/checkouts/").get("description"))
                .contains("**Scopes**: `checkouts:read` `checkouts:write`");
    }

    @Test
    void checkoutOperationsTakeAndReturnPolarsSchemas() {
        assertThat(responseRef("GET /v1/checkouts/", "200")).isEqualTo("ListResource_Checkout_");
        assertThat(requestBodyRef("POST /v1/checkouts/")).isEqualTo("CheckoutCreate");
        assertThat(responseRef("POST /v1/checkouts/", "201")).isEqualTo("Checkout");
        assertThat(responseRef("GET /v1/checkouts/{id}", "200")).isEqualTo("Checkout");
        assertThat(requestBodyRef("PATCH /v1/checkouts/{id}")).isEqualTo("CheckoutUpdate");
        assertThat(responseRef("PATCH /v1/checkouts/{id}", "200")).isEqualTo("Checkout");
        assertThat(responseRef("GET /v1/checkouts/client/{client_secret}", "200")).isEqualTo("CheckoutPublic");
        assertThat(requestBodyRef("PATCH /v1/checkouts/client/{client_secret}")).isEqualTo("CheckoutUpdatePublic");
        assertThat(responseRef("PATCH /v1/checkouts/client/{client_secret}", "200")).isEqualTo("CheckoutPublic");
        assertThat(responseRef("POST /v1/checkouts/{id}/expire", "200")).isEqualTo("Checkout");
        assertThat(refsIn(schema("CheckoutCreate")))
                .containsExactly("CheckoutProductsCreate", "CheckoutProductCreate", "CheckoutPriceCreate");
        assertThat(refsIn(schema("ListResource_Checkout_"))).containsExactly("Checkout", "Pagination");
    }

    @Test
    void checkoutOperationsDocumentTheCheckoutErrors() {
        assertThat(refsIn(responses(operation("PATCH /v1/checkouts/{id}")).get("403")))
                .containsExactlyInAnyOrder("BearerTokenError", "AlreadyActiveSubscriptionError", "NotOpenCheckout");
        assertThat(refsIn(responses(operation("POST /v1/checkouts/{id}/expire")).get("403")))
                .containsExactlyInAnyOrder("BearerTokenError", "NotOpenCheckout");
        assertThat(responseRef("PATCH /v1/checkouts/{id}", "409")).isEqualTo("CheckoutLocked");
        assertThat(responseRef("POST /v1/checkouts/{id}/expire", "409")).isEqualTo("CheckoutLocked");
        assertThat(responseRef("POST /v1/checkouts/{id}/expire", "404")).isEqualTo("ResourceNotFound");
        assertThat(responseRef("GET /v1/checkouts/client/{client_secret}", "404")).isEqualTo("ResourceNotFound");
        assertThat(responseRef("GET /v1/checkouts/client/{client_secret}", "410")).isEqualTo("ExpiredCheckoutError");
        assertThat(responses(operation("GET /v1/checkouts/client/{client_secret}"))).doesNotContainKeys("401", "403", "409");
        String clientUpdate = "PATCH /v1/checkouts/client/{client_secret}";
        assertThat(refsIn(responses(operation(clientUpdate)).get("403")))
                .containsExactly("AlreadyActiveSubscriptionError", "NotOpenCheckout", "DiscountRedemptionLimitReached");
        assertThat(asMap(asMap(schema("AlreadyActiveSubscriptionError").get("properties")).get("error")).get("const"))
                .isEqualTo("AlreadyActiveSubscriptionError");
        assertThat(responseRef(clientUpdate, "404")).isEqualTo("ResourceNotFound");
        assertThat(responseRef(clientUpdate, "409")).isEqualTo("CheckoutLocked");
        assertThat(responseRef(clientUpdate, "410")).isEqualTo("ExpiredCheckoutError");
        assertThat(responses(operation(clientUpdate))).doesNotContainKey("401");
    }

    @Test
    void clientOperationsArePublicAndTakeTheClientSecret() {
        for (String key : List.of("GET /v1/checkouts/client/{client_secret}", "PATCH /v1/checkouts/client/{client_secret}",
                "POST /v1/checkouts/client/{client_secret}/confirm")) {
            assertThat(operation(key)).as(key).doesNotContainKey("security");
            Map<String, Object> secret = parameter(key, "client_secret");
            assertThat(secret.get("in")).as(key).isEqualTo("path");
            assertThat(secret.get("required")).as(key).isEqualTo(true);
            assertThat(asMap(secret.get("schema")).get("type")).as(key).isEqualTo("string");
        }
    }

    @Test
    void operationsAreTaggedAndSummarizedAsInPolarsDocument() {
        Map<String, Object> list = operation("GET /v1/custom-fields/");

        assertThat(list.get("tags")).isEqualTo(List.of("custom-fields"));
        assertThat(list.get("summary")).isEqualTo("List Custom Fields");
        assertThat((String) list.get("description")).contains("**Scopes**: `custom_fields:read` `custom_fields:write`");
    }

    @Test
    void theCallerTheRawBodyAndTheRawQueryAreNotParameters() {
        List<String> names = new ArrayList<>();
        operations().values().forEach(operation -> parameters(operation).forEach(p -> names.add((String) p.get("name"))));

        assertThat(names).doesNotContain("access", "params", "body", "clientSecret", "externalId");
        assertThat(schemas().keySet()).doesNotContain("OrganizationAccess", "CustomerAccess", "JsonNode",
                "MultiValueMapStringString");
    }

    @Test
    void listsDocumentPolarsQueryParameters() {
        assertThat(parameterNames("GET /v1/products/"))
                .containsExactly("id", "organization_id", "query", "is_archived", "is_recurring", "page", "limit", "sorting");
        assertThat(parameterNames("GET /v1/discounts/"))
                .containsExactly("organization_id", "query", "page", "limit", "sorting");
        assertThat(parameterNames("GET /v1/custom-fields/"))
                .containsExactly("organization_id", "query", "type", "page", "limit", "sorting");
        assertThat(parameterNames("GET /v1/checkouts/")).containsExactly("organization_id", "product_id", "customer_id",
                "external_customer_id", "status", "query", "page", "limit", "sorting");
        assertThat(schema("CheckoutSortProperty").get("enum")).asList()
                .containsExactly("created_at", "-created_at", "expires_at", "-expires_at", "status", "-status");
    }

    @Test
    void sortingTakesPolarsSortProperties() {
        Map<String, Object> sorting = parameter("GET /v1/products/", "sorting");

        assertThat(refsIn(sorting)).containsExactly("ProductSortProperty");
        assertThat(schema("ProductSortProperty").get("enum")).asList().contains("created_at", "-created_at", "price_amount");
    }

    @Test
    void pathIdIsARequiredUuid() {
        for (String key : List.of("GET /v1/products/{id}", "PATCH /v1/discounts/{id}", "DELETE /v1/custom-fields/{id}",
                "GET /v1/checkouts/{id}", "PATCH /v1/checkouts/{id}", "POST /v1/checkouts/{id}/expire",
                "GET /v1/customers/{id}", "PATCH /v1/customers/{id}", "DELETE /v1/customers/{id}", "GET /v1/orders/{id}",
                "GET /v1/subscriptions/{id}", "GET /v1/customer-portal/orders/{id}",
                "GET /v1/customer-portal/subscriptions/{id}")) {
            Map<String, Object> id = parameter(key, "id");

            assertThat(id.get("in")).as(key).isEqualTo("path");
            assertThat(id.get("required")).as(key).isEqualTo(true);
            assertThat(id.get("schema")).as(key).isEqualTo(Map.of("type", "string", "format", "uuid", "title", "Id"));
        }
    }

    @Test
    void createOperationsTakeAndReturnPolarsSchemas() {
        assertThat(requestBodyRef("POST /v1/products/")).isEqualTo("ProductCreate");
        assertThat(responseRef("POST /v1/products/", "201")).isEqualTo("Product");
        assertThat(requestBodyRef("POST /v1/discounts/")).isEqualTo("DiscountCreate");
        assertThat(responseRef("POST /v1/discounts/", "201")).isEqualTo("Discount");
        assertThat(requestBodyRef("POST /v1/custom-fields/")).isEqualTo("CustomFieldCreate");
        assertThat(responseRef("POST /v1/custom-fields/", "201")).isEqualTo("CustomField");
    }

    @Test
    void updateOperationsTakeAndReturnPolarsSchemas() {
        assertThat(requestBodyRef("PATCH /v1/products/{id}")).isEqualTo("ProductUpdate");
        assertThat(responseRef("PATCH /v1/products/{id}", "200")).isEqualTo("Product");
        assertThat(requestBodyRef("PATCH /v1/discounts/{id}")).isEqualTo("DiscountUpdate");
        assertThat(responseRef("PATCH /v1/discounts/{id}", "200")).isEqualTo("Discount");
        assertThat(requestBodyRef("PATCH /v1/custom-fields/{id}")).isEqualTo("CustomFieldUpdate");
        assertThat(responseRef("PATCH /v1/custom-fields/{id}", "200")).isEqualTo("CustomField");
    }

    @Test
    void getOperationsReturnPolarsSchemas() {
        assertThat(responseRef("GET /v1/products/{id}", "200")).isEqualTo("Product");
        assertThat(responseRef("GET /v1/discounts/{id}", "200")).isEqualTo("Discount");
        assertThat(responseRef("GET /v1/custom-fields/{id}", "200")).isEqualTo("CustomField");
    }

    @Test
    void listOperationsReturnPolarsListResources() {
        assertThat(responseRef("GET /v1/products/", "200")).isEqualTo("ListResource_Product_");
        assertThat(responseRef("GET /v1/discounts/", "200")).isEqualTo("ListResource_Discount_");
        assertThat(responseRef("GET /v1/custom-fields/", "200")).isEqualTo("ListResource_CustomField_");
        assertThat(refsIn(schema("ListResource_Product_"))).containsExactly("Product", "Pagination");
    }

    @Test
    void deleteOperationsAnswerNoContent() {
        Map<String, Object> responses = responses(operation("DELETE /v1/discounts/{id}"));

        assertThat(responses).containsKey("204");
        assertThat(asMap(responses.get("204"))).doesNotContainKey("content");
    }

    @Test
    void everyApiOperationDocumentsValidationErrorsAsHTTPValidationError() {
        apiOperations().forEach((key, operation) -> {
            if (key.equals("GET /v1/customer-portal/customers/me")) {
                return; // no parameters and no body: nothing to validate, and Polar documents no 422 either
            }
            if (key.endsWith("/checkouts/client/{client_secret}/confirm")) {
                assertThat(refsIn(responses(operation).get("422"))).as(key)
                        .containsExactly("HTTPValidationError", "CheckoutCustomerExternalIdMismatch");
                return;
            }
            if (key.startsWith("POST ") && key.endsWith("/invoice")) {
                assertThat(refsIn(responses(operation).get("422"))).as(key)
                        .containsExactly("MissingInvoiceBillingDetails", "HTTPValidationError");
                return;
            }
            assertThat(responseRef(key, "422")).as(key).isEqualTo("HTTPValidationError");
        });
        assertThat(refsIn(schema("HTTPValidationError"))).containsExactly("ValidationError");
    }

    @Test
    void everyMutationDocumentsTheIdempotencyKeyHeaderAndNoReadDoes() {
        operations().forEach((key, operation) -> {
            boolean documented = parameters(operation).stream().anyMatch(p -> "Idempotency-Key".equals(p.get("name")));
            assertThat(documented).as(key).isEqualTo(!key.startsWith("GET "));
        });
        Map<String, Object> header = parameter("POST /v1/checkouts/client/{client_secret}/confirm", "Idempotency-Key");
        assertThat(header.get("in")).isEqualTo("header");
        assertThat(header.get("required")).isEqualTo(false);
        assertThat(asMap(header.get("schema"))).containsEntry("maxLength", 255);
    }

    @Test
    void operationsOnOneObjectDocumentResourceNotFound() {
        apiOperations().keySet().stream().filter(key -> key.endsWith("{id}")).forEach(key ->
                assertThat(responseRef(key, "404")).as(key).isEqualTo("ResourceNotFound"));
    }

    @Test
    void everyMerchantOperationRequiresTheBearerTokenAndDocumentsItsFailures() {
        apiOperations().forEach((key, operation) -> {
            if (key.contains("/v1/checkouts/client/") || key.contains("/v1/customer-portal/")) {
                return; // the buyer's routes: the client secret or a customer session token is the credential
            }
            assertThat(operation.get("security")).as(key).isEqualTo(List.of(Map.of("access_token", List.of())));
            assertThat(responses(operation)).as(key).containsKeys("401", "403");
        });
    }

    @Test
    void theBearerSchemeIsHttpBearer() {
        Map<String, Object> scheme = asMap(document.getMap("components.securitySchemes").get("access_token"));

        assertThat(scheme.get("type")).isEqualTo("http");
        assertThat(scheme.get("scheme")).isEqualTo("bearer");
    }

    @Test
    void healthProbesArePublic() {
        assertThat(operation("GET /healthz")).doesNotContainKey("security");
        assertThat(operation("GET /readyz")).doesNotContainKey("security");
    }

    @Test
    void schemasCarryPolarsNamesNotJavasNames() {
        assertThat(schemas().keySet()).contains("Product", "ProductPriceFixed", "ProductPriceCustom", "AttachedCustomField",
                "ProductCreate", "ProductUpdate", "ProductPriceFixedCreate", "ProductPriceCustomCreate",
                "ProductPriceFreeCreate", "ExistingProductPrice", "AttachedCustomFieldCreate",
                "DiscountFixedOnceForeverDuration", "DiscountFixedRepeatDuration", "DiscountPercentageOnceForeverDuration",
                "DiscountPercentageRepeatDuration", "DiscountFixedOnceForeverDurationCreate", "DiscountProduct",
                "CustomFieldText", "CustomFieldSelect", "CustomFieldSelectProperties", "CustomFieldCreateText",
                "CustomFieldUpdateText", "Pagination", "ResourceNotFound", "ValidationError",
                "Checkout", "CheckoutPublic", "CheckoutProduct", "CheckoutStatus", "CheckoutCreate", "CheckoutProductsCreate",
                "CheckoutProductCreate", "CheckoutPriceCreate", "CheckoutUpdate", "CheckoutUpdatePublic",
                "CheckoutDiscountPercentageOnceForeverDuration", "CheckoutDiscountFixedOnceForeverDuration",
                "CheckoutDiscountPercentageRepeatDuration", "CheckoutDiscountFixedRepeatDuration", "Address", "AddressInput",
                "CheckoutOrganization", "CustomerOrganization", "ListResource_Checkout_", "NotOpenCheckout", "CheckoutLocked", "ExpiredCheckoutError");
        assertThat(schemas().keySet()).doesNotContain("ProductView", "FixedPriceView", "CustomPriceView", "PriceView",
                "ListResourceProductView", "DiscountView", "ProductSummary", "Text", "Select", "FixedOnceForever",
                "CheckoutRow", "CheckoutCommands", "BillingAddressFields");
    }

    @Test
    void everyReferenceResolvesToAComponent() {
        String json = anonymous().get("/openapi.json").then().extract().asString();
        Matcher refs = Pattern.compile("\"\\$ref\"\\s*:\\s*\"#/components/schemas/([^\"]+)\"").matcher(json);

        while (refs.find()) {
            assertThat(schemas()).containsKey(refs.group(1));
        }
    }

    @Test
    void theProductSchemasHaveExactlyTheFieldsTheApiSends() {
        TestData.Tenant tenant = data.tenant();
        Map<String, Object> fixed = createProduct(tenant, Map.of("amount_type", "fixed", "price_amount", 500));
        Map<String, Object> custom = createProduct(tenant, Map.of("amount_type", "custom"));

        assertThat(fixed.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Product"));
        assertThat(propertyNames("Product")).containsExactlyInAnyOrderElementsOf(requiredNames("Product"));
        assertThat(firstPrice(fixed).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("ProductPriceFixed"));
        assertThat(firstPrice(custom).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("ProductPriceCustom"));
    }

    private Map<String, Object> createProduct(TestData.Tenant tenant, Map<String, Object> price) {
        return as(tenant).body(Map.of("name", "Schema check", "prices", List.of(price)))
                .post("/v1/products/").then().statusCode(201).extract().jsonPath().getMap("");
    }

    private static Map<String, Object> firstPrice(Map<String, Object> product) {
        return OpenApiDocumentTest.<Map<String, Object>>asList(product.get("prices")).getFirst();
    }

    @Test
    void theDiscountSchemasHaveExactlyTheFieldsTheApiSends() {
        TestData.Tenant tenant = data.tenant();
        Map<String, Object> discount = as(tenant)
                .body(Map.of("name", "Schema check", "type", "percentage", "duration", "once", "basis_points", 1000))
                .post("/v1/discounts/").then().statusCode(201).extract().jsonPath().getMap("");

        assertThat(discount.keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("DiscountPercentageOnceForeverDuration"));
    }

    @Test
    void theCheckoutSchemasHaveExactlyTheFieldsTheApiSends() {
        TestData.Tenant tenant = data.tenant();
        Map<String, Object> product = createProduct(tenant, Map.of("amount_type", "fixed", "price_amount", 1999));
        Map<String, Object> discount = as(tenant)
                .body(Map.of("name", "Schema check", "type", "percentage", "duration", "once", "basis_points", 1000))
                .post("/v1/discounts/").then().statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> address = Map.of("country", "US", "state", "CA", "line1", "1 Market St", "city",
                "San Francisco", "postal_code", "94105");
        Map<String, Object> merchant = as(tenant)
                .body(Map.of("products", List.of(product.get("id")), "discount_id", discount.get("id"),
                        "customer_billing_address", address))
                .post("/v1/checkouts/").then().statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> buyer = anonymous().get("/v1/checkouts/client/" + merchant.get("client_secret"))
                .then().statusCode(200).extract().jsonPath().getMap("");

        assertThat(merchant.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Checkout"));
        assertThat(propertyNames("Checkout")).containsExactlyInAnyOrderElementsOf(requiredNames("Checkout"));
        assertThat(buyer.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutPublic"));
        assertThat(propertyNames("CheckoutPublic")).containsExactlyInAnyOrderElementsOf(requiredNames("CheckoutPublic"));
        assertThat(asMap(merchant.get("product")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutProduct"));
        assertThat(asMap(merchant.get("discount")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutDiscountPercentageOnceForeverDuration"));
        assertThat(asMap(merchant.get("customer_billing_address")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("Address"));
        assertThat(asMap(merchant.get("billing_address_fields")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutBillingAddressFields"));
        assertThat(asMap(merchant.get("customer_billing_address_fields")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutCustomerBillingAddressFields"));
        assertThat(asMap(buyer.get("organization")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutOrganization"));
        assertThat(asMap(asMap(buyer.get("organization")).get("subscription_settings")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("OrganizationSubscriptionSettings"));
        assertThat(asMap(schema("CheckoutStatus")).get("enum")).asList().contains(merchant.get("status"));
    }

    @Test
    void aFixedCheckoutDiscountHasExactlyTheFieldsTheApiSends() {
        TestData.Tenant tenant = data.tenant();
        Map<String, Object> product = createProduct(tenant, Map.of("amount_type", "fixed", "price_amount", 1999));
        Map<String, Object> discount = as(tenant).body(Map.of("name", "Schema check", "type", "fixed", "duration", "once",
                        "amount", 500, "currency", "usd"))
                .post("/v1/discounts/").then().statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> checkout = as(tenant)
                .body(Map.of("products", List.of(product.get("id")), "discount_id", discount.get("id")))
                .post("/v1/checkouts/").then().statusCode(201).extract().jsonPath().getMap("");

        assertThat(asMap(checkout.get("discount")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutDiscountFixedOnceForeverDuration"));
    }

    @Test
    void customerOperationsTakeAndReturnPolarsSchemas() {
        assertThat(responseRef("GET /v1/customers/", "200")).isEqualTo("ListResource_Customer_");
        assertThat(requestBodyRef("POST /v1/customers/")).isEqualTo("CustomerCreate");
        assertThat(responseRef("POST /v1/customers/", "201")).isEqualTo("Customer");
        assertThat(responseRef("GET /v1/customers/{id}", "200")).isEqualTo("Customer");
        assertThat(requestBodyRef("PATCH /v1/customers/{id}")).isEqualTo("CustomerUpdate");
        assertThat(responseRef("PATCH /v1/customers/{id}", "200")).isEqualTo("Customer");
        assertThat(asMap(responses(operation("DELETE /v1/customers/{id}")).get("204"))).doesNotContainKey("content");
        assertThat(responseRef("GET /v1/customers/external/{external_id}", "200")).isEqualTo("Customer");
        assertThat(requestBodyRef("PATCH /v1/customers/external/{external_id}")).isEqualTo("CustomerUpdateExternalID");
        assertThat(propertyNames("CustomerUpdateExternalID")).doesNotContain("external_id");
        assertThat(responses(operation("DELETE /v1/customers/external/{external_id}"))).containsKey("204");
        for (String key : List.of("GET /v1/customers/external/{external_id}", "PATCH /v1/customers/external/{external_id}",
                "DELETE /v1/customers/external/{external_id}")) {
            Map<String, Object> externalId = parameter(key, "external_id");
            assertThat(externalId.get("in")).as(key).isEqualTo("path");
            assertThat(externalId.get("required")).as(key).isEqualTo(true);
            assertThat(asMap(externalId.get("schema")).get("type")).as(key).isEqualTo("string");
            assertThat(responseRef(key, "404")).as(key).isEqualTo("ResourceNotFound");
        }
        assertThat(operations().values()).filteredOn(o -> ((String) o.get("operationId")).startsWith("customers:"))
                .hasSize(10).allSatisfy(o -> assertThat(o.get("tags")).isEqualTo(List.of("customers")));
        assertThat(responseRef("GET /v1/customers/{id}/state", "200")).isEqualTo("CustomerState");
        assertThat(responseRef("GET /v1/customers/external/{external_id}/state", "200")).isEqualTo("CustomerState");
        assertThat(responseRef("GET /v1/customers/{id}/state", "404")).isEqualTo("ResourceNotFound");
        assertThat(operation("GET /v1/customers/external/{external_id}").get("summary")).isEqualTo("Get Customer by External ID");
        assertThat((String) operation("GET /v1/customers/").get("description"))
                .contains("**Scopes**: `customers:read` `customers:write`");
        assertThat(parameterNames("GET /v1/customers/"))
                .containsExactly("organization_id", "email", "query", "page", "limit", "sorting");
        assertThat(schema("CustomerSortProperty").get("enum")).asList()
                .containsExactly("created_at", "-created_at", "email", "-email", "name", "-name");
    }

    @Test
    void customerSessionsAreCreatedByIdOrExternalId() {
        Map<String, Object> create = operation("POST /v1/customer-sessions/");

        assertThat(create.get("tags")).isEqualTo(List.of("customer-sessions"));
        assertThat(create.get("summary")).isEqualTo("Create Customer Session");
        assertThat((String) create.get("description")).contains("**Scopes**: `customer_sessions:write`");
        assertThat(requestBodyRef("POST /v1/customer-sessions/")).isEqualTo("CustomerSessionCreate");
        assertThat(refsIn(schema("CustomerSessionCreate")))
                .containsExactly("CustomerSessionCustomerIDCreate", "CustomerSessionCustomerExternalIDCreate");
        assertThat(responseRef("POST /v1/customer-sessions/", "201")).isEqualTo("CustomerSession");
    }

    @Test
    void orderAndSubscriptionOperationsTakeAndReturnPolarsSchemas() {
        assertThat(responseRef("GET /v1/orders/", "200")).isEqualTo("ListResource_Order_");
        assertThat(responseRef("GET /v1/orders/{id}", "200")).isEqualTo("Order");
        assertThat(responseRef("GET /v1/subscriptions/", "200")).isEqualTo("ListResource_Subscription_");
        assertThat(responseRef("GET /v1/subscriptions/{id}", "200")).isEqualTo("Subscription");
        assertThat(operation("GET /v1/orders/").get("summary")).isEqualTo("List Orders");
        assertThat(operation("GET /v1/subscriptions/{id}").get("summary")).isEqualTo("Get Subscription");
        assertThat((String) operation("GET /v1/orders/").get("description")).contains("**Scopes**: `orders:read`");
        assertThat((String) operation("GET /v1/subscriptions/").get("description"))
                .contains("**Scopes**: `subscriptions:read` `subscriptions:write`");
        assertThat(parameterNames("GET /v1/orders/")).containsExactly("organization_id", "product_id", "discount_id",
                "customer_id", "checkout_id", "subscription_id", "page", "limit", "sorting");
        assertThat(parameterNames("GET /v1/subscriptions/")).containsExactly("organization_id", "product_id",
                "customer_id", "discount_id", "active", "page", "limit", "sorting");
        assertThat(refsIn(parameter("GET /v1/orders/", "sorting"))).containsExactly("OrderSortProperty");
        assertThat(refsIn(parameter("GET /v1/subscriptions/", "sorting"))).containsExactly("SubscriptionSortProperty");
        assertThat(refsIn(asMap(schema("Order").get("properties")).get("customer"))).containsExactly("OrderCustomer");
        assertThat(refsIn(asMap(schema("Subscription").get("properties")).get("customer")))
                .containsExactly("SubscriptionCustomer");
    }

    @Test
    void subscriptionChangesTakePolarsUnionsAndDocumentPolarsErrors() {
        assertThat(requestBodyRef("PATCH /v1/subscriptions/{id}")).isEqualTo("SubscriptionUpdate");
        assertThat(responseRef("PATCH /v1/subscriptions/{id}", "200")).isEqualTo("Subscription");
        assertThat(responseRef("DELETE /v1/subscriptions/{id}", "200")).isEqualTo("Subscription");
        assertThat(requestBodyRef("PATCH /v1/customer-portal/subscriptions/{id}")).isEqualTo("CustomerSubscriptionUpdate");
        assertThat(responseRef("DELETE /v1/customer-portal/subscriptions/{id}", "200")).isEqualTo("CustomerSubscription");
        assertThat(refsIn(schema("SubscriptionUpdate"))).containsExactly("SubscriptionUpdateBase", "SubscriptionUpdateSeats",
                "SubscriptionUpdateUnits", "SubscriptionUpdateBillingPeriod", "SubscriptionCancel", "SubscriptionRevoke",
                "SubscriptionPause", "SubscriptionResume", "SubscriptionUpdateClear");
        Map<String, Object> update = responses(operation("PATCH /v1/subscriptions/{id}"));
        assertThat(refsIn(update.get("403"))).contains("AlreadyCanceledSubscription");
        assertThat(refsIn(update.get("409"))).containsExactly("SubscriptionNotScheduledToCancel", "NoScheduledPause",
                "NotPausedSubscription");
        assertThat(refsIn(update.get("410"))).containsExactly("ResourceUnavailable");
        assertThat(asMap(asMap(schema("SubscriptionNotScheduledToCancel").get("properties")).get("error")).get("const"))
                .isEqualTo("SubscriptionNotScheduledToCancel");
    }

    @Test
    void orderDocumentOperationsAnswerPolarsSchemasAndErrors() {
        for (String prefix : List.of("/v1/orders/{id}", "/v1/customer-portal/orders/{id}")) {
            Map<String, Object> generate = responses(operation("POST " + prefix + "/invoice"));
            assertThat(generate).containsKey("202").doesNotContainKey("200");
            assertThat(responseRef("POST " + prefix + "/invoice", "409")).isEqualTo("OrderNotEligibleForInvoice");
            assertThat(responseRef("POST " + prefix + "/invoice", "404")).isEqualTo("ResourceNotFound");
            assertThat(responseRef("GET " + prefix + "/invoice", "404")).isEqualTo("ResourceNotFound");
            assertThat(operation("GET " + prefix + "/receipt").get("summary")).isEqualTo("Get Order Receipt");
        }
        assertThat(responseRef("GET /v1/orders/{id}/invoice", "200")).isEqualTo("OrderInvoice");
        assertThat(responseRef("GET /v1/orders/{id}/receipt", "200")).isEqualTo("OrderReceipt");
        assertThat(responseRef("GET /v1/customer-portal/orders/{id}/invoice", "200")).isEqualTo("CustomerOrderInvoice");
        assertThat(responseRef("GET /v1/customer-portal/orders/{id}/receipt", "200")).isEqualTo("CustomerOrderReceipt");
        assertThat((String) operation("POST /v1/orders/{id}/invoice").get("description")).contains("**Scopes**: `orders:read`");
        assertThat(requestBodyRef("PATCH /v1/orders/{id}")).isEqualTo("OrderUpdate");
        assertThat(responseRef("PATCH /v1/orders/{id}", "200")).isEqualTo("Order");
        assertThat((String) operation("PATCH /v1/orders/{id}").get("description")).contains("**Scopes**: `orders:write`");
        assertThat(requestBodyRef("PATCH /v1/customer-portal/orders/{id}")).isEqualTo("CustomerOrderUpdate");
        assertThat(responseRef("PATCH /v1/customer-portal/orders/{id}", "200")).isEqualTo("CustomerOrder");
        assertThat(propertyNames("OrderUpdate")).containsExactly("billing_name", "billing_address");
        assertThat(propertyNames("OrderInvoice")).containsExactly("url");
        assertThat(schema("OrderNotEligibleForInvoice")).isNotNull();
        assertThat(paths().keySet()).noneMatch(path -> path.startsWith("/documents"));
    }

    @Test
    void thePortalIsAuthenticatedByACustomerSessionToken() {
        Map<String, Object> scheme = asMap(document.getMap("components.securitySchemes").get("customer_session"));
        assertThat(scheme.get("type")).isEqualTo("http");
        assertThat(scheme.get("scheme")).isEqualTo("bearer");

        Map<String, Map<String, Object>> portal = new LinkedHashMap<>(operations());
        portal.keySet().removeIf(key -> !key.contains(" /v1/customer-portal/"));
        assertThat(portal).hasSize(15);
        portal.forEach((key, operation) -> {
            assertThat(operation.get("security")).as(key).isEqualTo(List.of(Map.of("customer_session", List.of())));
            assertThat(operation.get("tags")).as(key).isEqualTo(List.of("customer_portal"));
            assertThat(refsIn(responses(operation).get("401"))).as(key).containsExactly("Unauthorized", "BearerTokenError");
            if (key.startsWith("GET ")) {
                assertThat(responses(operation)).as(key).doesNotContainKey("403");
            }
        });
        // Polar's 403s of the portal's changes: the subscription's state and the organization's portal settings.
        assertThat(refsIn(responses(portal.get("DELETE /v1/customer-portal/subscriptions/{id}")).get("403")))
                .containsExactly("AlreadyCanceledSubscription");
        assertThat(refsIn(responses(portal.get("PATCH /v1/customer-portal/subscriptions/{id}")).get("403")))
                .containsExactly("AlreadyCanceledSubscription", "UpdateSubscriptionPlanNotAllowed",
                        "UpdateSubscriptionSeatsNotAllowed", "UpdateSubscriptionUnitsNotAllowed", "PauseResumeNotAllowed");
        assertThat(responseRef("GET /v1/customer-portal/customers/me", "200")).isEqualTo("CustomerPortalCustomer");
        assertThat(responseRef("GET /v1/customer-portal/orders/", "200")).isEqualTo("ListResource_CustomerOrder_");
        assertThat(responseRef("GET /v1/customer-portal/orders/{id}", "200")).isEqualTo("CustomerOrder");
        assertThat(responseRef("GET /v1/customer-portal/subscriptions/", "200"))
                .isEqualTo("ListResource_CustomerSubscription_");
        assertThat(responseRef("GET /v1/customer-portal/subscriptions/{id}", "200")).isEqualTo("CustomerSubscription");
        assertThat(parameterNames("GET /v1/customer-portal/orders/"))
                .containsExactly("organization_id", "product_id", "subscription_id", "page", "limit", "sorting");
        assertThat(parameterNames("GET /v1/customer-portal/subscriptions/"))
                .containsExactly("organization_id", "product_id", "active", "page", "limit", "sorting");
        assertThat(operation("GET /v1/customer-portal/customers/me")).doesNotContainKey("parameters");
    }

    @Test
    void confirmingTakesCheckoutConfirmStripeAndDocumentsItsFailures() {
        String confirm = "POST /v1/checkouts/client/{client_secret}/confirm";

        assertThat(operation(confirm).get("tags")).isEqualTo(List.of("checkouts"));
        assertThat(requestBodyRef(confirm)).isEqualTo("CheckoutConfirmStripe");
        assertThat(responseRef(confirm, "200")).isEqualTo("CheckoutPublicConfirmed");
        assertThat(responseRef(confirm, "400")).isEqualTo("PaymentError");
        assertThat(refsIn(responses(operation(confirm)).get("403")))
                .containsExactly("AlreadyActiveSubscriptionError", "NotOpenCheckout", "DiscountRedemptionLimitReached");
        assertThat(refsIn(responses(operation(confirm)).get("409"))).containsExactly("CheckoutLocked", "CheckoutCustomerDeleted");
        assertThat(responseRef(confirm, "410")).isEqualTo("ExpiredCheckoutError");
        assertThat(responseRef(confirm, "404")).isEqualTo("ResourceNotFound");
        assertThat(responseRef(confirm, "502")).isEqualTo("PaymentProcessorUnavailable");
        assertThat(responses(operation(confirm))).doesNotContainKey("401");
        List<String> update = new ArrayList<>(propertyNames("CheckoutUpdatePublic"));
        update.add("confirmation_token_id");
        assertThat(propertyNames("CheckoutConfirmStripe")).containsExactlyInAnyOrderElementsOf(update);
        List<String> confirmed = new ArrayList<>(propertyNames("CheckoutPublic"));
        confirmed.add("customer_session_token");
        assertThat(propertyNames("CheckoutPublicConfirmed")).containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(requiredNames("CheckoutPublicConfirmed")).containsExactlyInAnyOrderElementsOf(confirmed);
        assertThat(asMap(asMap(schema("CheckoutPublicConfirmed").get("properties")).get("status")).get("const"))
                .isEqualTo("confirmed");
    }

    @Test
    void theCustomerSchemasHaveExactlyTheFieldsTheApiSends() {
        TestData.Tenant tenant = data.tenant();
        Map<String, Object> customer = as(tenant)
                .body(Map.of("email", "schema@example.com", "external_id", "schema-1", "name", "Schema",
                        "billing_address", Map.of("country", "FR", "city", "Paris"), "tax_id", "FR40303265045"))
                .post("/v1/customers/").then().statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> session = as(tenant).body(Map.of("customer_external_id", "schema-1"))
                .post("/v1/customer-sessions/").then().statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> me = anonymous().header("Authorization", "Bearer " + session.get("token"))
                .get("/v1/customer-portal/customers/me").then().statusCode(200).extract().jsonPath().getMap("");
        Map<String, Object> list = as(tenant).get("/v1/customers/").then().statusCode(200).extract().jsonPath().getMap("");

        assertThat(customer.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Customer"));
        assertThat(propertyNames("Customer")).containsExactlyInAnyOrderElementsOf(requiredNames("Customer"));
        assertThat(asMap(customer.get("billing_address")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Address"));
        assertThat(list.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("ListResource_Customer_"));
        assertThat(session.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CustomerSession"));
        assertThat(propertyNames("CustomerSession")).containsExactlyInAnyOrderElementsOf(requiredNames("CustomerSession"));
        assertThat(asMap(session.get("customer")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Customer"));
        assertThat(me.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CustomerPortalCustomer"));
        Map<String, Object> state = as(tenant).get("/v1/customers/external/schema-1/state").then().statusCode(200)
                .extract().jsonPath().getMap("");
        assertThat(state.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CustomerState"));
        assertThat(propertyNames("CustomerState")).containsExactlyInAnyOrderElementsOf(requiredNames("CustomerState"));
        assertThat(propertyNames("CustomerPortalCustomer"))
                .containsExactlyInAnyOrderElementsOf(requiredNames("CustomerPortalCustomer"));
        for (String body : List.of("CustomerCreate", "CustomerUpdate")) {
            assertThat(propertyNames(body)).as(body).contains("email", "name", "billing_address", "tax_id", "metadata");
        }
    }

    @Test
    void theOrderAndSubscriptionSchemasHaveExactlyTheFieldsTheApiSends() throws InterruptedException {
        TestData.Tenant tenant = data.tenant();
        Map<String, Object> product = as(tenant).body(Map.of("name", "Schema plan", "recurring_interval", "month",
                        "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> discount = as(tenant)
                .body(Map.of("name", "Schema check", "type", "percentage", "duration", "once", "basis_points", 1000))
                .post("/v1/discounts/").then().statusCode(201).extract().jsonPath().getMap("");
        Map<String, Object> checkout = as(tenant)
                .body(Map.of("products", List.of(product.get("id")), "discount_id", discount.get("id")))
                .post("/v1/checkouts/").then().statusCode(201).extract().jsonPath().getMap("");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", "pm_card_visa")
                .post("/_stripe/v1/test_helpers/confirmation_tokens").then().statusCode(200).extract().path("id");
        Map<String, Object> confirmed = anonymous()
                .body(Map.of("customer_email", "orders-schema@example.com", "customer_billing_address",
                        Map.of("country", "DE"), "confirmation_token_id", token))
                .post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm")
                .then().statusCode(200).extract().jsonPath().getMap("");
        awaitSucceeded(tenant, (String) checkout.get("id"));

        Map<String, Object> order = firstItem(as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/"));
        Map<String, Object> subscription = firstItem(as(tenant).get("/v1/subscriptions/"));
        String session = "Bearer " + confirmed.get("customer_session_token");
        Map<String, Object> portalOrder = firstItem(anonymous().header("Authorization", session)
                .get("/v1/customer-portal/orders/"));
        Map<String, Object> portalSubscription = firstItem(anonymous().header("Authorization", session)
                .get("/v1/customer-portal/subscriptions/"));

        assertThat(confirmed.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CheckoutPublicConfirmed"));
        assertThat(order.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Order"));
        assertThat(propertyNames("Order")).containsExactlyInAnyOrderElementsOf(requiredNames("Order"));
        assertThat(asMap(order.get("customer")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("OrderCustomer"));
        assertThat(asMap(order.get("product")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("OrderProduct"));
        assertThat(asMap(order.get("discount")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("DiscountPercentageOnceForeverDurationBase"));
        assertThat(asMap(order.get("subscription")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("OrderSubscription"));
        assertThat(OpenApiDocumentTest.<Map<String, Object>>asList(order.get("items")).getFirst().keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("OrderItemSchema"));
        assertThat(asMap(schema("OrderStatus")).get("enum")).asList().contains(order.get("status"));
        assertThat(asMap(schema("OrderBillingReason")).get("enum")).asList().contains(order.get("billing_reason"));

        assertThat(subscription.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Subscription"));
        assertThat(propertyNames("Subscription")).containsExactlyInAnyOrderElementsOf(requiredNames("Subscription"));
        assertThat(asMap(subscription.get("customer")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("SubscriptionCustomer"));
        assertThat(asMap(subscription.get("product")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Product"));
        assertThat(asMap(subscription.get("discount")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("DiscountPercentageOnceForeverDurationBase"));
        assertThat(OpenApiDocumentTest.<Map<String, Object>>asList(subscription.get("prices")).getFirst().keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("ProductPriceFixed"));
        assertThat(asMap(schema("SubscriptionStatus")).get("enum")).asList().contains(subscription.get("status"));

        assertThat(portalOrder.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CustomerOrder"));
        assertThat(propertyNames("CustomerOrder")).containsExactlyInAnyOrderElementsOf(requiredNames("CustomerOrder"));
        assertThat(asMap(portalOrder.get("product")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CustomerOrderProduct"));
        assertThat(asMap(asMap(portalOrder.get("product")).get("organization")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CustomerOrganization"));
        assertThat(asMap(portalOrder.get("subscription")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CustomerOrderSubscription"));
        assertThat(portalSubscription.keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("CustomerSubscription"));
        assertThat(propertyNames("CustomerSubscription"))
                .containsExactlyInAnyOrderElementsOf(requiredNames("CustomerSubscription"));
        assertThat(asMap(portalSubscription.get("product")).keySet())
                .containsExactlyInAnyOrderElementsOf(propertyNames("CustomerSubscriptionProduct"));
    }

    private void awaitSucceeded(TestData.Tenant tenant, String checkoutId) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        String status = null;
        while (!"succeeded".equals(status) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            status = as(tenant).get("/v1/checkouts/" + checkoutId).then().extract().path("status");
        }
        assertThat(status).isEqualTo("succeeded");
    }

    private static Map<String, Object> firstItem(io.restassured.response.Response list) {
        List<Map<String, Object>> items = list.then().statusCode(200).extract().jsonPath().getList("items");
        assertThat(items).isNotEmpty();
        return items.getFirst();
    }

    // --- reading the document

    private Map<String, Object> paths() {
        return document.getMap("paths");
    }

    private Map<String, Object> schemas() {
        return document.getMap("components.schemas");
    }

    private Map<String, Object> schema(String name) {
        return asMap(schemas().get(name));
    }

    /** Every operation, keyed "METHOD /path". */
    private Map<String, Map<String, Object>> operations() {
        Map<String, Map<String, Object>> operations = new LinkedHashMap<>();
        paths().forEach((path, item) -> asMap(item).forEach((method, operation) -> {
            if (METHODS.contains(method)) {
                operations.put(method.toUpperCase() + " " + path, asMap(operation));
            }
        }));
        return operations;
    }

    private Map<String, Map<String, Object>> apiOperations() {
        Map<String, Map<String, Object>> api = new LinkedHashMap<>(operations());
        api.keySet().removeIf(key -> !key.contains(" /v1/"));
        return api;
    }

    private Map<String, Object> operation(String key) {
        Map<String, Object> operation = operations().get(key);
        assertThat(operation).as(key).isNotNull();
        return operation;
    }

    private static List<Map<String, Object>> parameters(Map<String, Object> operation) {
        return operation.containsKey("parameters") ? asList(operation.get("parameters")) : List.of();
    }

    private List<String> parameterNames(String key) {
        return parameters(operation(key)).stream().map(p -> (String) p.get("name")).toList();
    }

    private Map<String, Object> parameter(String key, String name) {
        return parameters(operation(key)).stream().filter(p -> name.equals(p.get("name"))).findFirst().orElseThrow();
    }

    private static Map<String, Object> responses(Map<String, Object> operation) {
        return asMap(operation.get("responses"));
    }

    private String requestBodyRef(String key) {
        return jsonSchemaRef(asMap(operation(key).get("requestBody")));
    }

    private String responseRef(String key, String status) {
        Map<String, Object> response = asMap(responses(operation(key)).get(status));
        assertThat(response).as(key + " " + status).isNotNull();
        return jsonSchemaRef(response);
    }

    private static String jsonSchemaRef(Map<String, Object> bodyOrResponse) {
        Map<String, Object> schema = asMap(asMap(asMap(bodyOrResponse.get("content")).get("application/json")).get("schema"));
        return ((String) schema.get("$ref")).substring("#/components/schemas/".length());
    }

    private List<String> propertyNames(String schema) {
        return List.copyOf(asMap(schema(schema).get("properties")).keySet());
    }

    private List<String> requiredNames(String schema) {
        return asList(schema(schema).get("required"));
    }

    /** The component names referenced anywhere inside a part of the document, in order. */
    private static List<String> refsIn(Object part) {
        List<String> refs = new ArrayList<>();
        if (part instanceof Map<?, ?> map) {
            map.forEach((key, value) -> {
                if ("$ref".equals(key)) {
                    refs.add(((String) value).substring("#/components/schemas/".length()));
                } else {
                    refs.addAll(refsIn(value));
                }
            });
        } else if (part instanceof List<?> list) {
            list.forEach(item -> refs.addAll(refsIn(item)));
        }
        return refs;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> asMap(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> asList(Object value) {
        return (List<T>) value;
    }
}
