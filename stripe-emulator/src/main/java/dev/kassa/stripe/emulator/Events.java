package dev.kassa.stripe.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Events ({@code /v1/events}) and webhook endpoints ({@code /v1/webhook_endpoints}): every state change of an
 * emulated object is recorded as an {@code event} and handed to the {@link WebhookDispatcher} for each endpoint
 * that wants it, the configured ones ({@link EmulatorSettings#webhookEndpoints()}, all events) and those created
 * through the API (their {@code enabled_events}).
 */
final class Events {

    static final String KIND = "event";
    static final String ENDPOINT_KIND = "webhook_endpoint";

    private final EmulatorStore store;
    private final EmulatorSettings settings;
    private final WebhookDispatcher dispatcher;

    private final Faults faults;

    Events(EmulatorStore store, EmulatorSettings settings, Faults faults) {
        this.store = store;
        this.settings = settings;
        this.faults = faults;
        this.dispatcher = new WebhookDispatcher(settings, store, this::deliveryEnded);
    }

    void receiveInProcess(String url, StripeEmulator.WebhookReceiver receiver) {
        dispatcher.receiveInProcess(url, receiver);
    }

    /** Stops webhook delivery (pending deliveries stay in the store). */
    void close() {
        dispatcher.close();
    }

    /** Records an event about {@code object} (a snapshot is taken) and schedules its webhooks. */
    Map<String, Object> emit(String type, Map<String, Object> object, StripeEmulator.Call call) {
        List<EmulatorSettings.WebhookTarget> targets = faults.loseWebhooks() ? List.of() : targets(type, null);
        String id = Ids.next("evt_");
        Map<String, Object> event = new LinkedHashMap<>();
        event.put("id", id);
        event.put("object", "event");
        event.put("api_version", settings.apiVersion());
        event.put("created", call.now());
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("object", InMemoryEmulatorStore.copy(object));
        event.put("data", data);
        event.put("livemode", false);
        event.put("pending_webhooks", (long) targets.size());
        Map<String, Object> request = new LinkedHashMap<>();
        request.put("id", call.requestId());
        request.put("idempotency_key", call.idempotencyKey());
        event.put("request", request);
        event.put("type", type);
        store.insert(KIND, id, event);
        send(event, targets, true);
        return event;
    }

    Map<String, Object> retrieve(String id) {
        return store.find(KIND, id).orElseThrow(() -> StripeApiException.resourceMissing("event", id, "id"));
    }

    /**
     * Test helper {@code POST /v1/test_helpers/events/{id}/resend}: delivers the stored event again to every
     * endpoint that wants it, or to {@code webhook_endpoint} (a {@code we_…} id) alone.
     */
    Map<String, Object> resend(String id, Params params) {
        params.allowOnly(Set.of("webhook_endpoint", "expand"));
        Map<String, Object> event = retrieve(id);
        String only = params.text("webhook_endpoint");
        if (only != null && store.find(ENDPOINT_KIND, only).isEmpty()) {
            throw StripeApiException.resourceMissing("webhook endpoint", only, "webhook_endpoint");
        }
        send(event, targets((String) event.get("type"), only), false);
        return event;
    }

    /** {@code GET /v1/events}: newest first; {@code limit}, {@code starting_after}, {@code ending_before}, {@code type}, {@code types[]}. */
    Map<String, Object> list(Params params) {
        params.allowOnly(Set.of("limit", "starting_after", "ending_before", "type", "types", "expand", "created",
                "delivery_success"));
        List<Map<String, Object>> events = new ArrayList<>(store.list(KIND));
        java.util.Collections.reverse(events);
        String type = params.text("type");
        List<?> types = params.list("types");
        if (type != null) {
            events.removeIf(e -> !matches(type, (String) e.get("type")));
        }
        if (types != null) {
            events.removeIf(e -> types.stream().noneMatch(t -> matches(String.valueOf(t), (String) e.get("type"))));
        }
        return page(events, params, "/v1/events", "event");
    }

    /** {@code *} matches everything, {@code payment_intent.*} a whole family, anything else exactly. */
    static boolean matches(String pattern, String type) {
        return pattern.equals("*") || pattern.equals(type)
                || pattern.endsWith(".*") && type.startsWith(pattern.substring(0, pattern.length() - 1));
    }

    // ---- webhook endpoints ----

    Map<String, Object> createEndpoint(Params params, long now) {
        params.allowOnly(Set.of("url", "enabled_events", "description", "metadata", "api_version", "connect",
                "expand"));
        String url = params.required("url");
        if (!url.startsWith("http://") && !url.startsWith("https://")) {
            throw StripeApiException.invalidRequest("url_invalid", "Invalid URL: " + url, "url");
        }
        List<?> enabled = params.list("enabled_events");
        if (enabled == null || enabled.isEmpty()) {
            throw StripeApiException.missingParam("enabled_events");
        }
        String id = Ids.next("we_");
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("id", id);
        endpoint.put("object", ENDPOINT_KIND);
        endpoint.put("api_version", params.text("api_version"));
        endpoint.put("application", null);
        endpoint.put("created", now);
        endpoint.put("description", params.text("description"));
        endpoint.put("enabled_events", new ArrayList<Object>(enabled.stream().map(String::valueOf).toList()));
        endpoint.put("livemode", false);
        endpoint.put("metadata", metadata(params));
        endpoint.put("secret", "whsec_" + Ids.random(32));
        endpoint.put("status", "enabled");
        endpoint.put("url", url);
        store.insert(ENDPOINT_KIND, id, endpoint);
        return endpoint;
    }

    /** An endpoint as read back: without its {@code secret}, which Stripe shows only when it is created. */
    Map<String, Object> retrieveEndpoint(String id) {
        Map<String, Object> endpoint = store.find(ENDPOINT_KIND, id)
                .filter(e -> !Boolean.TRUE.equals(e.get("deleted")))
                .orElseThrow(() -> StripeApiException.resourceMissing("webhook endpoint", id, "id"));
        endpoint.remove("secret");
        return endpoint;
    }

    Map<String, Object> listEndpoints(Params params) {
        params.allowOnly(Set.of("limit", "starting_after", "ending_before", "expand"));
        List<Map<String, Object>> endpoints = new ArrayList<>(store.list(ENDPOINT_KIND));
        endpoints.removeIf(e -> Boolean.TRUE.equals(e.get("deleted")));
        endpoints.forEach(e -> e.remove("secret"));
        java.util.Collections.reverse(endpoints);
        return page(endpoints, params, "/v1/webhook_endpoints", "webhook endpoint");
    }

    Map<String, Object> deleteEndpoint(String id) {
        retrieveEndpoint(id);
        store.update(ENDPOINT_KIND, id, e -> {
            e.put("deleted", true);
            e.put("status", "disabled");
            return e;
        });
        Map<String, Object> stub = new LinkedHashMap<>();
        stub.put("id", id);
        stub.put("object", ENDPOINT_KIND);
        stub.put("deleted", true);
        return stub;
    }

    // ---- internals ----

    /**
     * Endpoints added while running (an application that learns its own URL only once it listens), each with the
     * event types it takes, as a webhook endpoint's {@code enabled_events} ({@code *} for all).
     */
    private final List<Map.Entry<EmulatorSettings.WebhookTarget, List<String>>> addedTargets =
            new java.util.concurrent.CopyOnWriteArrayList<>();

    void addTarget(EmulatorSettings.WebhookTarget target, List<String> enabledEvents) {
        addedTargets.add(Map.entry(target, List.copyOf(enabledEvents)));
    }

    private List<EmulatorSettings.WebhookTarget> targets(String type, String onlyEndpoint) {
        List<EmulatorSettings.WebhookTarget> targets = new ArrayList<>();
        if (onlyEndpoint == null) {
            targets.addAll(settings.webhookEndpoints());
            for (Map.Entry<EmulatorSettings.WebhookTarget, List<String>> added : addedTargets) {
                if (added.getValue().stream().anyMatch(e -> matches(e, type))) {
                    targets.add(added.getKey());
                }
            }
        }
        for (Map<String, Object> endpoint : store.list(ENDPOINT_KIND)) {
            if (Boolean.TRUE.equals(endpoint.get("deleted")) || !"enabled".equals(endpoint.get("status"))
                    || onlyEndpoint != null && !onlyEndpoint.equals(endpoint.get("id"))) {
                continue;
            }
            List<?> enabled = (List<?>) endpoint.get("enabled_events");
            if (enabled.stream().anyMatch(e -> matches(String.valueOf(e), type))) {
                targets.add(new EmulatorSettings.WebhookTarget((String) endpoint.get("url"),
                        (String) endpoint.get("secret")));
            }
        }
        return targets;
    }

    private void send(Map<String, Object> event, List<EmulatorSettings.WebhookTarget> targets, boolean counted) {
        dispatcher.deliver((String) event.get("id"), Json.write(event), targets, counted);
    }

    /** A counted delivery of event {@code id} ended (delivered or given up): one webhook fewer pending. */
    void deliveryEnded(String id) {
        store.update(KIND, id, e -> {
            e.put("pending_webhooks", Math.max(0L, ((Long) e.get("pending_webhooks")) - 1));
            return e;
        });
    }

    static Map<String, Object> page(List<Map<String, Object>> items, Params params, String url, String noun) {
        Long limit = params.integer("limit");
        if (limit != null && (limit < 1 || limit > 100)) {
            throw StripeApiException.invalidRequest("Invalid limit: must be between 1 and 100", "limit");
        }
        int size = limit == null ? 10 : limit.intValue();
        String after = params.text("starting_after");
        String before = params.text("ending_before");
        int from = 0;
        int to = items.size();
        if (after != null) {
            from = indexOf(items, after, "starting_after", noun) + 1;
        }
        if (before != null) {
            to = indexOf(items, before, "ending_before", noun);
            from = Math.max(from, to - size);
        }
        List<Map<String, Object>> data = new ArrayList<>(items.subList(Math.min(from, to), to));
        boolean hasMore = before != null ? from > 0 : data.size() > size;
        if (data.size() > size) {
            data = new ArrayList<>(data.subList(0, size));
        }
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", data);
        list.put("has_more", hasMore);
        list.put("url", url);
        return list;
    }

    private static int indexOf(List<Map<String, Object>> items, String id, String param, String noun) {
        for (int i = 0; i < items.size(); i++) {
            if (id.equals(items.get(i).get("id"))) {
                return i;
            }
        }
        throw StripeApiException.resourceMissing(noun, id, param);
    }

    /** {@code metadata[k]=v} as a fresh map (values with "" left out). */
    static Map<String, Object> metadata(Params params) {
        Map<String, Object> out = new LinkedHashMap<>();
        Params metadata = params.hash("metadata");
        if (metadata != null) {
            for (String key : metadata.raw().keySet()) {
                String value = metadata.string(key);
                if (value != null && !value.isEmpty()) {
                    out.put(key, value);
                }
            }
        }
        return out;
    }
}
