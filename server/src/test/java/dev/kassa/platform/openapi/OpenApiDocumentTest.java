package dev.kassa.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData;
import io.restassured.path.json.JsonPath;
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
            Map.entry("GET /v1/discounts/", "discounts:list"),
            Map.entry("POST /v1/discounts/", "discounts:create"),
            Map.entry("GET /v1/discounts/{id}", "discounts:get"),
            Map.entry("PATCH /v1/discounts/{id}", "discounts:update"),
            Map.entry("DELETE /v1/discounts/{id}", "discounts:delete"),
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
        assertThat(paths().keySet()).doesNotContain("/v1/products", "/v1/discounts", "/v1/custom-fields", "/v1/checkouts");
    }

    @Test
    void theLegacyCheckoutAliasesAreHiddenAsInPolarsDocument() {
        assertThat(paths().keySet()).noneMatch(path -> path.startsWith("/v1/checkouts/custom"));
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
                "POST /v1/checkouts/{id}/expire", "Expire Checkout Session"));
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
                .containsExactlyInAnyOrder("BearerTokenError", "NotOpenCheckout");
        assertThat(responseRef("PATCH /v1/checkouts/{id}", "409")).isEqualTo("CheckoutLocked");
        assertThat(responseRef("POST /v1/checkouts/{id}/expire", "409")).isEqualTo("CheckoutLocked");
        assertThat(responseRef("POST /v1/checkouts/{id}/expire", "404")).isEqualTo("ResourceNotFound");
        assertThat(responseRef("GET /v1/checkouts/client/{client_secret}", "404")).isEqualTo("ResourceNotFound");
        assertThat(responseRef("GET /v1/checkouts/client/{client_secret}", "410")).isEqualTo("ExpiredCheckoutError");
        assertThat(responses(operation("GET /v1/checkouts/client/{client_secret}"))).doesNotContainKeys("401", "403", "409");
        String clientUpdate = "PATCH /v1/checkouts/client/{client_secret}";
        assertThat(responseRef(clientUpdate, "403")).isEqualTo("NotOpenCheckout");
        assertThat(responseRef(clientUpdate, "404")).isEqualTo("ResourceNotFound");
        assertThat(responseRef(clientUpdate, "409")).isEqualTo("CheckoutLocked");
        assertThat(responseRef(clientUpdate, "410")).isEqualTo("ExpiredCheckoutError");
        assertThat(responses(operation(clientUpdate))).doesNotContainKey("401");
    }

    @Test
    void clientOperationsArePublicAndTakeTheClientSecret() {
        for (String key : List.of("GET /v1/checkouts/client/{client_secret}", "PATCH /v1/checkouts/client/{client_secret}")) {
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

        assertThat(names).doesNotContain("access", "params", "body");
        assertThat(schemas().keySet()).doesNotContain("OrganizationAccess", "JsonNode", "MultiValueMapStringString");
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
                "GET /v1/checkouts/{id}", "PATCH /v1/checkouts/{id}", "POST /v1/checkouts/{id}/expire")) {
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
        apiOperations().forEach((key, operation) ->
                assertThat(responseRef(key, "422")).as(key).isEqualTo("HTTPValidationError"));
        assertThat(refsIn(schema("HTTPValidationError"))).containsExactly("ValidationError");
    }

    @Test
    void operationsOnOneObjectDocumentResourceNotFound() {
        apiOperations().keySet().stream().filter(key -> key.endsWith("{id}")).forEach(key ->
                assertThat(responseRef(key, "404")).as(key).isEqualTo("ResourceNotFound"));
    }

    @Test
    void everyMerchantOperationRequiresTheBearerTokenAndDocumentsItsFailures() {
        apiOperations().forEach((key, operation) -> {
            if (key.contains("/v1/checkouts/client/")) {
                return; // the buyer's routes: the client secret is the credential
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
                "Organization", "ListResource_Checkout_", "NotOpenCheckout", "CheckoutLocked", "ExpiredCheckoutError");
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
        assertThat(asMap(buyer.get("organization")).keySet()).containsExactlyInAnyOrderElementsOf(propertyNames("Organization"));
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
