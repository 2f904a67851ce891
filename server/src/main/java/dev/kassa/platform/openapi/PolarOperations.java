package dev.kassa.platform.openapi;

import static dev.kassa.platform.openapi.Schemas.anyOf;
import static dev.kassa.platform.openapi.Schemas.array;
import static dev.kassa.platform.openapi.Schemas.bool;
import static dev.kassa.platform.openapi.Schemas.constant;
import static dev.kassa.platform.openapi.Schemas.integer;
import static dev.kassa.platform.openapi.Schemas.nullable;
import static dev.kassa.platform.openapi.Schemas.object;
import static dev.kassa.platform.openapi.Schemas.ref;
import static dev.kassa.platform.openapi.Schemas.string;
import static dev.kassa.platform.openapi.Schemas.uuid;

import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem.HttpMethod;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.parameters.RequestBody;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Polar's description of each operation Kassa implements: operationId, summary, tag, parameters, body and
 * responses as in Polar's document. Keyed by method and Polar's path (collections end with a slash).
 */
final class PolarOperations {

    record Definition(HttpMethod method, String path, String operationId, String summary, String description,
            String tag, List<Parameter> parameters, String requestSchema, String status, ApiResponse success,
            Map<String, ApiResponse> others, boolean notFound, boolean validated) {

        /** Replaces what springdoc read from the Java signature; security, set from the scopes, is kept. */
        void applyTo(Operation operation) {
            boolean secured = operation.getSecurity() != null && !operation.getSecurity().isEmpty();
            String scopes = operation.getDescription();
            operation.operationId(operationId).summary(summary).tags(List.of(tag))
                    .description(scopes == null ? description : description + "\n\n" + scopes)
                    .parameters(parameters.isEmpty() ? null : new ArrayList<>(parameters))
                    .requestBody(requestSchema == null ? null : new RequestBody().required(true)
                            .content(json(ref(requestSchema))));
            ApiResponses responses = new ApiResponses().addApiResponse(status, success);
            others.forEach(responses::addApiResponse);
            if (secured) {
                responses.addApiResponse("401", error("Missing, unknown, expired or revoked access token.",
                        anyOf(ref("Unauthorized"), ref("BearerTokenError"))));
                ApiResponse forbidden = others.get("403");
                responses.addApiResponse("403", forbidden == null
                        ? error("The access token lacks the operation's scopes.", ref("BearerTokenError"))
                        : error("The access token lacks the operation's scopes, or: " + forbidden.getDescription(),
                                anyOf(ref("BearerTokenError"), forbidden.getContent().get("application/json").getSchema())));
            }
            if (notFound) {
                responses.addApiResponse("404", error(tagNoun() + " not found.", ref("ResourceNotFound")));
            }
            if (validated) {
                responses.addApiResponse("422", error("Validation Error", ref("HTTPValidationError")));
            }
            operation.responses(responses);
        }

        private String tagNoun() {
            if (summary.endsWith("Checkout Session") || summary.endsWith("Checkout Session from Client")) {
                return "Checkout session";
            }
            return summary.substring(summary.indexOf(' ') + 1);
        }
    }

    private static final List<Definition> ALL = List.of(
            list("/v1/products/", "products", "Products", "List products.", "Product", productFilters()),
            create("/v1/products/", "products", "Product", "Create a product."),
            get("/v1/products/{id}", "products", "Product", "Get a product by ID."),
            update("/v1/products/{id}", "products", "Product", "Update a product."),

            list("/v1/discounts/", "discounts", "Discounts", "List discounts.", "Discount", discountFilters()),
            create("/v1/discounts/", "discounts", "Discount", "Create a discount."),
            get("/v1/discounts/{id}", "discounts", "Discount", "Get a discount by ID."),
            update("/v1/discounts/{id}", "discounts", "Discount", "Update a discount."),
            delete("/v1/discounts/{id}", "discounts", "Discount", "Delete a discount."),

            list("/v1/custom-fields/", "custom-fields", "Custom Fields", "List custom fields.", "CustomField",
                    customFieldFilters()),
            create("/v1/custom-fields/", "custom-fields", "Custom Field", "Create a custom field."),
            get("/v1/custom-fields/{id}", "custom-fields", "Custom Field", "Get a custom field by ID."),
            update("/v1/custom-fields/{id}", "custom-fields", "Custom Field", "Update a custom field."),
            delete("/v1/custom-fields/{id}", "custom-fields", "Custom Field", "Delete a custom field."),

            list("/v1/checkouts/", "checkouts", "Checkout Sessions", "List checkout sessions.", "Checkout",
                    checkoutFilters()),
            new Definition(HttpMethod.POST, "/v1/checkouts/", "checkouts:create", "Create Checkout Session",
                    "Create a checkout session.", "checkouts", List.of(), "CheckoutCreate", "201",
                    success("Checkout session created.", ref("Checkout")), Map.of(), false, true),
            new Definition(HttpMethod.GET, "/v1/checkouts/{id}", "checkouts:get", "Get Checkout Session",
                    "Get a checkout session by ID.", "checkouts", List.of(id("checkout session")), null, "200",
                    success("Successful Response", ref("Checkout")), Map.of(), true, true),
            new Definition(HttpMethod.PATCH, "/v1/checkouts/{id}", "checkouts:update", "Update Checkout Session",
                    "Update a checkout session.", "checkouts", List.of(id("checkout session")), "CheckoutUpdate", "200",
                    success("Checkout session updated.", ref("Checkout")), checkoutErrors(true, true, false), true, true),
            new Definition(HttpMethod.GET, "/v1/checkouts/client/{client_secret}", "checkouts:client_get",
                    "Get Checkout Session from Client", "Get a checkout session by client secret.", "checkouts",
                    List.of(clientSecret()), null, "200", success("Successful Response", ref("CheckoutPublic")),
                    checkoutErrors(false, false, true), true, true),
            new Definition(HttpMethod.PATCH, "/v1/checkouts/client/{client_secret}", "checkouts:client_update",
                    "Update Checkout Session from Client", "Update a checkout session by client secret.", "checkouts",
                    List.of(clientSecret()), "CheckoutUpdatePublic", "200",
                    success("Checkout session updated.", ref("CheckoutPublic")), checkoutErrors(true, true, true), true, true),
            new Definition(HttpMethod.POST, "/v1/checkouts/{id}/expire", "checkouts:expire", "Expire Checkout Session",
                    "Expire an open checkout session now: its status becomes `expired` and its `expires_at` the current "
                            + "time. Kassa only, not in Polar's API (Polar expires sessions only when `expires_at` passes).",
                    "checkouts", List.of(id("checkout session")), null, "200",
                    success("Checkout session expired.", ref("Checkout")), checkoutErrors(true, true, false), true, true),

            health("/healthz", "health:liveness", "Liveness", "The process answers. Kassa only, not in Polar's API.",
                    object("Liveness").required("status", constant("ok")).build(), Map.of()),
            health("/readyz", "health:readiness", "Readiness",
                    "The process can reach its database. Kassa only, not in Polar's API.",
                    object("Readiness").required("status", constant("ok")).required("database", constant("ok")).build(),
                    Map.of("503", success("The database is unreachable.", object("Unavailable")
                            .required("status", constant("unavailable"))
                            .required("database", constant("unreachable")).build()))));

    private PolarOperations() {
    }

    static Optional<Definition> find(HttpMethod method, String path) {
        return ALL.stream().filter(d -> d.method() == method && d.path().equals(path)).findFirst();
    }

    static List<Definition> all() {
        return ALL;
    }

    private static Definition list(String path, String tag, String plural, String description, String item,
            List<Parameter> filters) {
        return new Definition(HttpMethod.GET, path, tag + ":list", "List " + plural, description, tag, filters, null,
                "200", success("Successful Response", ref("ListResource_" + item + "_")), Map.of(), false, true);
    }

    private static Definition create(String path, String tag, String noun, String description) {
        String schema = noun.replace(" ", "");
        return new Definition(HttpMethod.POST, path, tag + ":create", "Create " + noun, description, tag, List.of(),
                schema + "Create", "201", success(noun + " created.", ref(schema)), Map.of(), false, true);
    }

    private static Definition get(String path, String tag, String noun, String description) {
        String schema = noun.replace(" ", "");
        return new Definition(HttpMethod.GET, path, tag + ":get", "Get " + noun, description, tag,
                List.of(id(noun)), null, "200", success("Successful Response", ref(schema)), Map.of(), true, true);
    }

    private static Definition update(String path, String tag, String noun, String description) {
        String schema = noun.replace(" ", "");
        return new Definition(HttpMethod.PATCH, path, tag + ":update", "Update " + noun, description, tag,
                List.of(id(noun)), schema + "Update", "200", success(noun + " updated.", ref(schema)), Map.of(), true,
                true);
    }

    private static Definition delete(String path, String tag, String noun, String description) {
        return new Definition(HttpMethod.DELETE, path, tag + ":delete", "Delete " + noun, description, tag,
                List.of(id(noun)), null, "204", new ApiResponse().description(noun + " deleted."), Map.of(), true, true);
    }

    private static Definition health(String path, String operationId, String summary, String description,
            Schema<?> body, Map<String, ApiResponse> others) {
        return new Definition(HttpMethod.GET, path, operationId, summary, description, "health", List.of(), null, "200",
                success("Successful Response", body), others, false, false);
    }

    private static ApiResponse success(String description, Schema<?> schema) {
        return new ApiResponse().description(description).content(json(schema));
    }

    private static ApiResponse error(String description, Schema<?> schema) {
        return new ApiResponse().description(description).content(json(schema));
    }

    private static Content json(Schema<?> schema) {
        return new Content().addMediaType("application/json", new MediaType().schema(schema));
    }

    private static Parameter id(String noun) {
        return new Parameter().in("path").name("id").required(true).description("The " + noun.toLowerCase() + " ID.")
                .schema(uuid().title("Id"));
    }

    private static Parameter clientSecret() {
        return new Parameter().in("path").name("client_secret").required(true)
                .description("The checkout session client secret.").schema(string().title("Client Secret"));
    }

    /**
     * The checkout failures besides 401, 404 and 422: 403 when the session is not open, 409 while another request
     * holds its row, 410 (buyer routes) once it has expired.
     */
    private static Map<String, ApiResponse> checkoutErrors(boolean notOpen, boolean locked, boolean expired) {
        Map<String, ApiResponse> errors = new java.util.LinkedHashMap<>();
        if (notOpen) {
            errors.put("403", error("The checkout session is not open.", ref("NotOpenCheckout")));
        }
        if (locked) {
            errors.put("409", error("The checkout session is being updated by another request.", ref("CheckoutLocked")));
        }
        if (expired) {
            errors.put("410", error("The checkout session has expired.", ref("ExpiredCheckoutError")));
        }
        return errors;
    }

    private static Parameter query(String name, String description, Schema<?> schema) {
        return new Parameter().in("query").name(name).required(false).description(description).schema(schema);
    }

    /** A filter taken once or repeated ({@code ?id=a&id=b}). */
    private static Schema<?> oneOrMany(Schema<?> one) {
        return anyOf(one, array(one), Schemas.typed("null"));
    }

    private static Parameter organizationId() {
        return query("organization_id", "Filter by organization ID; only the token's own organization is allowed.",
                oneOrMany(uuid()));
    }

    private static Parameter text(String what) {
        return query("query", "Filter by " + what + ".", nullable(string()));
    }

    private static List<Parameter> paging(String sortSchema, String defaultSort) {
        Schema<Object> sorting = nullable(array(ref(sortSchema)));
        sorting._default(List.of(defaultSort));
        return List.of(
                query("page", "Page number, defaults to 1.", integer(1, null)._default(1)),
                query("limit", "Size of a page, defaults to 10. Maximum is 100.", integer(1, 100L)._default(10)),
                query("sorting", "Sorting criterion. Several criteria can be used simultaneously and will be applied in "
                        + "order. Add a minus sign `-` before the criteria name to sort by descending order.", sorting));
    }

    private static List<Parameter> productFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(query("id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(organizationId());
        params.add(text("product name"));
        params.add(query("is_archived", "Filter on archived products.", nullable(bool())));
        params.add(query("is_recurring", "Filter on recurring products. If `true`, only subscriptions tiers are returned. "
                + "If `false`, only one-time purchase products are returned.", nullable(bool())));
        params.addAll(paging("ProductSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> discountFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(text("name"));
        params.addAll(paging("DiscountSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> checkoutFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(query("product_id", "Filter by product ID.", oneOrMany(uuid())));
        params.add(query("customer_id", "Filter by customer ID.", oneOrMany(uuid())));
        params.add(query("external_customer_id", "Filter by customer external ID.", oneOrMany(string())));
        params.add(query("status", "Filter by checkout session status.", oneOrMany(ref("CheckoutStatus"))));
        params.add(text("customer email"));
        params.addAll(paging("CheckoutSortProperty", "-created_at"));
        return params;
    }

    private static List<Parameter> customFieldFilters() {
        List<Parameter> params = new ArrayList<>();
        params.add(organizationId());
        params.add(text("custom field name or slug"));
        params.add(query("type", "Filter by custom field type.", oneOrMany(ref("CustomFieldType"))));
        params.addAll(paging("CustomFieldSortProperty", "slug"));
        return params;
    }
}
