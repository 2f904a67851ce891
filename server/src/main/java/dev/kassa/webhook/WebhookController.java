package dev.kassa.webhook;

import dev.kassa.auth.OrganizationAccess;
import dev.kassa.auth.RequireScopes;
import dev.kassa.auth.Scope;
import dev.kassa.platform.web.JsonBody;
import dev.kassa.platform.web.JsonFields;
import dev.kassa.platform.web.ListResource;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams;
import dev.kassa.webhook.WebhookRepository.DeliveryFilter;
import dev.kassa.webhook.schemas.WebhookDelivery;
import dev.kassa.webhook.schemas.WebhookEndpoint;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** Polar's {@code /v1/webhooks} API; its paths, as Polar's, have no trailing slash. */
@RestController
class WebhookController {

    static final List<String> HTTP_CODE_CLASSES = List.of("2xx", "3xx", "4xx", "5xx");

    private final WebhookService webhooks;
    private final WebhookTargets targets;

    WebhookController(WebhookService webhooks, WebhookTargets targets) {
        this.webhooks = webhooks;
        this.targets = targets;
    }

    @GetMapping("/v1/webhooks/endpoints")
    @RequireScopes({Scope.WEBHOOKS_READ, Scope.WEBHOOKS_WRITE})
    ListResource<WebhookEndpoint> list(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> organizationIds = query.uuids("organization_id");
        PageRequest page = query.page();
        query.errors().throwIfAny();
        access.requireOwnOrganizations(organizationIds, "organization_id");
        return webhooks.list(access, page);
    }

    @PostMapping("/v1/webhooks/endpoints")
    @ResponseStatus(HttpStatus.CREATED)
    @RequireScopes(Scope.WEBHOOKS_WRITE)
    WebhookEndpoint create(OrganizationAccess access, @JsonBody JsonNode body) {
        return webhooks.create(access, WebhookRequests.create(body, targets));
    }

    @GetMapping("/v1/webhooks/endpoints/{id}")
    @RequireScopes({Scope.WEBHOOKS_READ, Scope.WEBHOOKS_WRITE})
    WebhookEndpoint get(OrganizationAccess access, @PathVariable UUID id) {
        return webhooks.get(access, id);
    }

    @PatchMapping("/v1/webhooks/endpoints/{id}")
    @RequireScopes(Scope.WEBHOOKS_WRITE)
    WebhookEndpoint update(OrganizationAccess access, @PathVariable UUID id, @JsonBody JsonNode body) {
        return webhooks.update(access, id, WebhookRequests.update(body, targets));
    }

    @PatchMapping("/v1/webhooks/endpoints/{id}/secret")
    @RequireScopes(Scope.WEBHOOKS_WRITE)
    WebhookEndpoint resetSecret(OrganizationAccess access, @PathVariable UUID id) {
        return webhooks.resetSecret(access, id);
    }

    @DeleteMapping("/v1/webhooks/endpoints/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @RequireScopes(Scope.WEBHOOKS_WRITE)
    void delete(OrganizationAccess access, @PathVariable UUID id) {
        webhooks.delete(access, id);
    }

    @GetMapping("/v1/webhooks/deliveries")
    @RequireScopes({Scope.WEBHOOKS_READ, Scope.WEBHOOKS_WRITE})
    ListResource<WebhookDelivery> deliveries(OrganizationAccess access, @RequestParam MultiValueMap<String, String> params) {
        QueryParams query = new QueryParams(params);
        List<UUID> endpointIds = query.uuids("endpoint_id");
        Instant start = datetime(query, params, "start_timestamp");
        Instant end = datetime(query, params, "end_timestamp");
        Boolean succeeded = query.bool("succeeded");
        String text = query.string("query");
        List<String> codeClass = query.enums("http_code_class", HTTP_CODE_CLASSES);
        List<String> eventTypes = query.enums("event_type", WebhookEventType.WIRE_NAMES);
        PageRequest page = query.page();
        query.errors().throwIfAny();
        return webhooks.deliveries(new DeliveryFilter(access.organizationId(), endpointIds, start, end, succeeded, text,
                codeClass.isEmpty() ? null : codeClass.getLast(), eventTypes), page);
    }

    @PostMapping("/v1/webhooks/events/{id}/redeliver")
    @ResponseStatus(HttpStatus.ACCEPTED)
    @RequireScopes(Scope.WEBHOOKS_WRITE)
    void redeliver(OrganizationAccess access, @PathVariable UUID id) {
        webhooks.redeliver(access, id);
    }

    private static Instant datetime(QueryParams query, MultiValueMap<String, String> params, String name) {
        String raw = params.getFirst(name);
        if (raw == null || raw.isEmpty()) {
            return null;
        }
        Instant parsed = JsonFields.parseDateTime(raw);
        if (parsed == null) {
            query.errors().add("datetime_from_date_parsing", List.of("query", name),
                    "Input should be a valid datetime or date, invalid character in year", raw);
        }
        return parsed;
    }
}
