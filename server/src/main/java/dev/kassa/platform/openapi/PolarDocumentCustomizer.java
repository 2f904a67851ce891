package dev.kassa.platform.openapi;

import io.swagger.v3.core.util.Json31;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.info.Info;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.security.SecurityScheme;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Turns what springdoc reads from the controllers into Polar's document: one path per endpoint (Polar's, with
 * the trailing slash on collections), Polar's operation ids, parameters and schema names, and the bearer scheme.
 */
final class PolarDocumentCustomizer implements OpenApiCustomizer {

    static final String SECURITY_SCHEME = "access_token";
    static final String CUSTOMER_SESSION_SCHEME = "customer_session";

    /** Legacy aliases that Polar serves but leaves out of its document, as Kassa does. */
    private static final List<String> HIDDEN_PREFIXES = List.of("/v1/checkouts/custom");

    private static final Set<PathItem.HttpMethod> MUTATIONS = Set.of(PathItem.HttpMethod.POST, PathItem.HttpMethod.PATCH,
            PathItem.HttpMethod.DELETE);

    private static final Pattern SCHEMA_REF = Pattern.compile(Pattern.quote(Schemas.COMPONENTS) + "([^\"]+)\"");

    @Override
    public void customise(OpenAPI openApi) {
        openApi.info(new Info().title("Kassa API").version("v1")
                .description("The part of Polar's public API v1 that Kassa implements, with Polar's paths, operation ids "
                        + "and schema names, so that clients generated from Polar's document work against Kassa."));
        Paths paths = inPolarsOrder(openApi.getPaths() == null ? new Paths() : openApi.getPaths());
        openApi.paths(paths);
        dropSlashlessTwins(paths);
        paths.keySet().removeIf(path -> HIDDEN_PREFIXES.stream().anyMatch(path::startsWith));
        paths.forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                PolarOperations.find(method, path).ifPresent(definition -> definition.applyTo(operation))));
        paths.values().forEach(item -> item.readOperationsMap().forEach((method, operation) -> {
            if (MUTATIONS.contains(method) && (operation.getParameters() == null
                    || operation.getParameters().stream().noneMatch(p -> "Idempotency-Key".equals(p.getName())))) {
                operation.addParametersItem(idempotencyKey());
            }
        }));
        paths.forEach((path, item) -> {
            if (path.startsWith("/v1/")) {
                item.readOperations().forEach(operation -> operation.getResponses().addApiResponse("429", tooManyRequests()));
            }
        });
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components);
        components.addSecuritySchemes(SECURITY_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                .description("An Organization Access Token (OAT) created with `./kassa admin`, sent as "
                        + "`Authorization: Bearer <token>`."));
        components.addSecuritySchemes(CUSTOMER_SESSION_SCHEME, new SecurityScheme().type(SecurityScheme.Type.HTTP)
                .scheme("bearer").description("A customer session token (`polar_cst_...`) from `POST "
                        + "/v1/customer-sessions/` or from confirming a checkout, sent as `Authorization: Bearer <token>`. "
                        + "It opens the customer portal of one customer for one hour."));
        Map<String, Schema> schemas = new LinkedHashMap<>(PolarSchemas.all());
        if (components.getSchemas() != null) {
            components.getSchemas().forEach(schemas::putIfAbsent);
        }
        components.setSchemas(reachable(openApi, schemas));
    }

    /** Kassa's own header (Polar has none): see the README's "Idempotency-Key" section. */
    private static Parameter idempotencyKey() {
        return new Parameter().in("header").name("Idempotency-Key").required(false)
                .schema(new StringSchema().minLength(1).maxLength(255))
                .description("Makes a retry safe: a repeat with the same key and body (within 24 hours, for the same "
                        + "caller, method and path) answers the first response again, with `Idempotent-Replayed: true`, "
                        + "and does nothing; the same key with another body answers 422; a repeat while the first "
                        + "request still runs answers 409 `IdempotencyKeyInUse` with `Retry-After`.");
    }

    /** Every {@code /v1} operation is rate limited: see the README's "Rate limits" section. */
    private static ApiResponse tooManyRequests() {
        return new ApiResponse().description("Too many requests for this caller (its access token, checkout session or "
                        + "address); retry after `Retry-After` seconds.")
                .addHeaderObject("Retry-After", new Header().description("Seconds to wait before retrying.")
                        .schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE)))
                .content(new Content().addMediaType("application/json",
                        new io.swagger.v3.oas.models.media.MediaType().schema(Schemas.ref("TooManyRequests"))));
    }

    /** Polar's operations in the order of its document, then anything else springdoc found. */
    private static Paths inPolarsOrder(Paths found) {
        Paths ordered = new Paths();
        PolarOperations.all().forEach(definition -> {
            if (found.containsKey(definition.path())) {
                ordered.addPathItem(definition.path(), found.get(definition.path()));
            }
        });
        found.forEach(ordered::putIfAbsent);
        return ordered;
    }

    /** Collections are mapped with and without the trailing slash; Polar's document has only the slash. */
    private static void dropSlashlessTwins(Paths paths) {
        List<String> twins = paths.keySet().stream()
                .filter(path -> !path.endsWith("/") && paths.containsKey(path + "/"))
                .toList();
        twins.forEach(paths::remove);
    }

    /** The schemas the operations use, directly or through other schemas, in the order given. */
    private static Map<String, Schema> reachable(OpenAPI openApi, Map<String, Schema> schemas) {
        Set<String> used = new LinkedHashSet<>();
        Deque<String> pending = new ArrayDeque<>(references(openApi.getPaths()));
        while (!pending.isEmpty()) {
            String name = pending.pop();
            if (schemas.containsKey(name) && used.add(name)) {
                pending.addAll(references(schemas.get(name)));
            }
        }
        Map<String, Schema> kept = new LinkedHashMap<>();
        schemas.forEach((name, schema) -> {
            if (used.contains(name)) {
                kept.put(name, schema);
            }
        });
        return kept;
    }

    private static List<String> references(Object part) {
        String json;
        try {
            json = Json31.mapper().writeValueAsString(part);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("OpenAPI part cannot be written as JSON", e);
        }
        Matcher matcher = SCHEMA_REF.matcher(json);
        List<String> names = new java.util.ArrayList<>();
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
