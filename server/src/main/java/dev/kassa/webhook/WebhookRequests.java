package dev.kassa.webhook;

import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.ValidationErrors;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.JsonNode;

/** Reads Polar's {@code WebhookEndpointCreate} and {@code WebhookEndpointUpdate} with pydantic's errors. */
final class WebhookRequests {

    /** Polar's {@code ApiVersion}: the payload versions an endpoint may ask for (both have the same shapes here). */
    static final List<String> API_VERSIONS = List.of("2026-04", "2026-10");
    static final String DEFAULT_API_VERSION = "2026-10";

    private WebhookRequests() {
    }

    record EndpointCreate(String url, @Nullable String name, @Nullable String secret, WebhookFormat format,
            List<String> events, @Nullable UUID organizationId, String apiVersion) {
    }

    /** A partial update; null leaves a field unchanged (Polar applies the update without its null values). */
    record EndpointUpdate(@Nullable String url, @Nullable String name, @Nullable String secret,
            @Nullable WebhookFormat format, @Nullable List<String> events, @Nullable Boolean enabled,
            @Nullable String apiVersion) {
    }

    static EndpointCreate create(JsonNode body, WebhookTargets targets) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        errors.throwIfAny();
        String url = url(fields, true, targets);
        String name = fields.string("name", false, true, 0, Integer.MAX_VALUE);
        String secret = fields.string("secret", false, true, 32, Integer.MAX_VALUE);
        String format = fields.enumValue("format", true, false, WebhookFormat.WIRE_NAMES);
        List<String> events = events(fields, true);
        UUID organizationId = fields.uuid("organization_id", false, true);
        String apiVersion = fields.enumValue("api_version", false, true, API_VERSIONS);
        errors.throwIfAny();
        return new EndpointCreate(url, name, secret, WebhookFormat.fromWireName(format), events, organizationId,
                apiVersion == null ? DEFAULT_API_VERSION : apiVersion);
    }

    static EndpointUpdate update(JsonNode body, WebhookTargets targets) {
        ValidationErrors errors = new ValidationErrors();
        JsonFields fields = JsonFields.body(body, errors);
        errors.throwIfAny();
        String url = url(fields, false, targets);
        String name = fields.string("name", false, true, 0, Integer.MAX_VALUE);
        String secret = fields.string("secret", false, true, 32, Integer.MAX_VALUE);
        String format = fields.enumValue("format", false, true, WebhookFormat.WIRE_NAMES);
        List<String> events = events(fields, false);
        Boolean enabled = fields.bool("enabled", false, true);
        String apiVersion = fields.enumValue("api_version", false, true, API_VERSIONS);
        errors.throwIfAny();
        return new EndpointUpdate(url, name, secret, format == null ? null : WebhookFormat.fromWireName(format), events,
                enabled, apiVersion);
    }

    private static String url(JsonFields fields, boolean required, WebhookTargets targets) {
        String raw = fields.string("url", required, !required, 0, Integer.MAX_VALUE);
        if (raw == null) {
            return null;
        }
        String url = raw.strip();
        var problem = targets.check(url);
        if (problem.isPresent()) {
            fields.errors().add(problem.get().type(), fields.loc("url"), problem.get().msg(), raw);
            return null;
        }
        return url;
    }

    /** The event names, each one of Polar's, duplicates dropped (first occurrence kept). */
    private static List<String> events(JsonFields fields, boolean required) {
        List<JsonNode> items = fields.list("events", required, !required, 0, -1);
        if (items == null) {
            return null;
        }
        int before = fields.errors().size();
        LinkedHashSet<String> names = new LinkedHashSet<>();
        for (int i = 0; i < items.size(); i++) {
            String name = fields.checkEnum(items.get(i), fields.loc("events", i), WebhookEventType.WIRE_NAMES);
            if (name != null) {
                names.add(name);
            }
        }
        return fields.errors().size() == before ? new ArrayList<>(names) : null;
    }
}
