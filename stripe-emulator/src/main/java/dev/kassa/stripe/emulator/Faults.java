package dev.kassa.stripe.emulator;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The emulator's fault trigger (no Stripe counterpart): {@code POST /v1/test_helpers/emulator/faults} makes the
 * next {@code count} requests matching {@code method} and {@code path_prefix} fail with {@code status}, answered in
 * Stripe's error shape; {@code DELETE /v1/test_helpers/emulator/faults} clears them. Faults are kept in the store
 * (kind {@code emulator.fault}), so with a shared store they apply on every node; each matching request uses up one
 * failure atomically. A faulted request never runs and is not remembered for its {@code Idempotency-Key}.
 */
final class Faults {

    static final String KIND = "emulator.fault";
    static final String PATH = "/v1/test_helpers/emulator/faults";
    private static final Set<String> STATUSES = Set.of("401", "404", "429", "500");
    /** {@code lost_webhooks}: the next {@code count} events are recorded but their webhooks never sent. */
    static final String LOST_WEBHOOKS = "lost_webhooks";
    private static final Set<String> METHODS = Set.of("GET", "POST", "DELETE");

    private final EmulatorStore store;

    Faults(EmulatorStore store) {
        this.store = store;
    }

    Map<String, Object> create(Params params, long now) {
        params.allowOnly(Set.of("method", "path_prefix", "status", "count", "type"));
        String type = params.oneOf("type", Set.of("request", LOST_WEBHOOKS));
        if (LOST_WEBHOOKS.equals(type)) {
            return insert(type, null, "/v1/", null, params.integer("count"), now);
        }
        String method = params.text("method");
        if (method != null) {
            method = method.toUpperCase(Locale.ROOT);
            if (!METHODS.contains(method)) {
                throw StripeApiException.invalidRequest("Invalid method: must be one of GET, POST, DELETE", "method");
            }
        }
        String prefix = params.text("path_prefix");
        if (prefix == null) {
            prefix = "/v1/";
        } else if (!prefix.startsWith("/v1/")) {
            throw StripeApiException.invalidRequest("Invalid path_prefix: must start with /v1/", "path_prefix");
        }
        String status = params.oneOf("status", STATUSES);
        if (status == null) {
            throw StripeApiException.missingParam("status");
        }
        return insert("request", method, prefix, Long.parseLong(status), params.integer("count"), now);
    }

    private Map<String, Object> insert(String type, String method, String prefix, Long status, Long count, long now) {
        if (count != null && count < 1) {
            throw StripeApiException.invalidRequest("This value must be greater than or equal to 1.", "count");
        }
        String id = Ids.next("fault_");
        Map<String, Object> fault = new LinkedHashMap<>();
        fault.put("id", id);
        fault.put("object", KIND);
        fault.put("count", count == null ? 1L : count);
        fault.put("created", now);
        fault.put("method", method);
        fault.put("path_prefix", prefix);
        fault.put("remaining", count == null ? 1L : count);
        fault.put("status", status);
        fault.put("type", type);
        store.insert(KIND, id, fault);
        return fault;
    }

    Map<String, Object> list(String url) {
        List<Map<String, Object>> active = new ArrayList<>(store.list(KIND));
        active.removeIf(f -> (Long) f.get("remaining") <= 0);
        Map<String, Object> list = new LinkedHashMap<>();
        list.put("object", "list");
        list.put("data", active);
        list.put("has_more", false);
        list.put("url", url);
        return list;
    }

    /** Clears every fault; answers the list of those that were still active, now with {@code remaining: 0}. */
    Map<String, Object> clear(String url) {
        Map<String, Object> cleared = list(url);
        for (Object fault : (List<?>) cleared.get("data")) {
            String id = (String) ((Map<?, ?>) fault).get("id");
            store.update(KIND, id, f -> {
                f.put("remaining", 0L);
                return f;
            });
            IntentSupport.castMap(fault).put("remaining", 0L);
        }
        return cleared;
    }

    /** Whether an event's webhooks are to be lost ({@code type=lost_webhooks}), using one of those up. */
    boolean loseWebhooks() {
        for (Map<String, Object> fault : store.list(KIND)) {
            if (LOST_WEBHOOKS.equals(fault.get("type")) && (Long) fault.get("remaining") > 0 && useOne(fault)) {
                return true;
            }
        }
        return false;
    }

    private boolean useOne(Map<String, Object> fault) {
        boolean[] used = new boolean[1];
        store.update(KIND, (String) fault.get("id"), f -> {
            long remaining = (Long) f.get("remaining");
            used[0] = remaining > 0;
            f.put("remaining", Math.max(0, remaining - 1));
            return f;
        });
        return used[0];
    }

    /**
     * A request matched an active fault. Thrown inside the request's unit, before it has done anything, so that
     * the unit rolls back; {@link #fire} then uses the failure up in a transaction of its own.
     */
    static final class Hit extends RuntimeException {
        private final transient Map<String, Object> fault;

        private Hit(Map<String, Object> fault) {
            super(null, null, false, false);
            this.fault = fault;
        }
    }

    /**
     * Throws {@link Hit} when an active fault matches the request. Called first in the request's unit, where the
     * faults are read together with the webhook endpoints the request's events need anyway: a request that no
     * fault matches costs no look-up of its own.
     */
    void throwIfFaulted(String method, String path) {
        if (path.startsWith(PATH)) {
            return;
        }
        for (Map<String, Object> fault : store.list(KIND)) {
            if (LOST_WEBHOOKS.equals(fault.get("type"))) {
                continue;
            }
            if ((Long) fault.get("remaining") <= 0 || fault.get("method") != null && !method.equals(fault.get("method"))
                    || !path.startsWith((String) fault.get("path_prefix"))) {
                continue;
            }
            throw new Hit(fault);
        }
    }

    /**
     * Uses up one failure of the fault {@code hit} found and throws its error; returns normally when concurrent
     * requests used up its last failure first (the caller runs the request again).
     */
    void fire(Hit hit, String method, String path) {
        if (useOne(hit.fault)) {
            throw error(((Long) hit.fault.get("status")).intValue(), method, path);
        }
    }

    private static StripeApiException error(int status, String method, String path) {
        return switch (status) {
            case 401 -> new StripeApiException(401, "invalid_request_error", null,
                    "Invalid API Key provided: sk_test_****************************fault", null);
            case 404 -> notFound(method, path);
            case 429 -> new StripeApiException(429, "invalid_request_error", "rate_limit",
                    "Request rate limit exceeded. Learn more about rate limits here "
                            + "https://stripe.com/docs/rate-limits.", null);
            default -> StripeApiException.apiError("An unknown error occurred (emulated fault).");
        };
    }

    /** {@code No such payment_intent: 'pi_…'} for a path naming an object, else Stripe's unrecognized URL. */
    private static StripeApiException notFound(String method, String path) {
        String[] parts = path.replaceAll("^/+|/+$", "").split("/+");
        if (parts.length >= 3) {
            String noun = parts[1].endsWith("s") ? parts[1].substring(0, parts[1].length() - 1) : parts[1];
            return StripeApiException.resourceMissing(noun, parts[2], "id");
        }
        return StripeApiException.unrecognizedUrl(method, path);
    }
}
