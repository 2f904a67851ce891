package dev.kassa.stripe.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The emulator's core, free of any web framework: one call per HTTP request, with the path relative to the base
 * path (so it starts with {@code /v1/}). The Spring route ({@link StripeEmulatorConfiguration}) and the standalone
 * server ({@link StripeEmulatorServer}) both adapt their requests to {@link Request} and write back {@link Response}.
 *
 * <p>Implemented: {@code POST /v1/customers}, {@code GET|POST|DELETE /v1/customers/{id}},
 * {@code POST /v1/tax/calculations}, {@code GET /v1/tax/calculations/{id}},
 * {@code GET /v1/tax/calculations/{id}/line_items}.
 */
public final class StripeEmulator {

    private final EmulatorStore store;
    private final Clock clock;
    private final Customers customers;
    private final TaxCalculations taxCalculations;

    public StripeEmulator(EmulatorStore store) {
        this(store, Clock.systemUTC());
    }

    public StripeEmulator(EmulatorStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
        this.customers = new Customers(store);
        this.taxCalculations = new TaxCalculations(store);
    }

    /**
     * An HTTP request. {@code path} excludes the base path and the query string; {@code query} is the raw query
     * string or null; {@code body} the raw form body (empty for GET), or else {@code bodyParams} when a servlet
     * container has already decoded the body into parameters; {@code header} looks a header up by name,
     * case-insensitively, giving null when absent.
     */
    public record Request(String method, String path, String query, String body,
            List<Map.Entry<String, String>> bodyParams, Function<String, String> header) {

        public Request(String method, String path, String query, String body, Function<String, String> header) {
            this(method, path, query, body, null, header);
        }
    }

    /** An HTTP response: status, JSON body, and headers besides {@code Content-Type: application/json}. */
    public record Response(int status, String body, Map<String, String> headers) {
    }

    public Response handle(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Request-Id", Ids.next("req_"));
        String version = request.header().apply("Stripe-Version");
        if (version != null) {
            headers.put("Stripe-Version", version);
        }
        try {
            String apiKey = authenticate(request.header().apply("Authorization"));
            String method = request.method().toUpperCase(Locale.ROOT);
            String idempotencyKey = request.header().apply("Idempotency-Key");
            if (idempotencyKey != null && method.equals("POST")) {
                headers.put("Idempotency-Key", idempotencyKey);
                String fingerprint = method + " " + request.path() + "\n" + bodyOf(request);
                Optional<EmulatorStore.IdempotentResponse> earlier = store.findIdempotent(apiKey, idempotencyKey);
                if (earlier.isPresent()) {
                    return replay(earlier.get(), fingerprint, idempotencyKey, headers);
                }
                Response response = route(method, request, headers);
                if (response.status() / 100 == 2) {
                    EmulatorStore.IdempotentResponse kept = store.rememberIdempotent(apiKey, idempotencyKey,
                            new EmulatorStore.IdempotentResponse(fingerprint, response.status(), response.body()));
                    if (!kept.body().equals(response.body())) {
                        return replay(kept, fingerprint, idempotencyKey, headers);
                    }
                }
                return response;
            }
            return route(method, request, headers);
        } catch (StripeApiException e) {
            return new Response(e.status(), Json.write(e.body()), headers);
        }
    }

    private Response replay(EmulatorStore.IdempotentResponse earlier, String fingerprint, String key,
            Map<String, String> headers) {
        if (!earlier.fingerprint().equals(fingerprint)) {
            throw new StripeApiException(400, "idempotency_error", null,
                    "Keys for idempotent requests can only be used with the same parameters they were first used "
                            + "with. Try using a key other than '" + key + "' if you meant to execute a different "
                            + "request.", null);
        }
        headers.put("Idempotent-Replayed", "true");
        return new Response(earlier.status(), earlier.body(), headers);
    }

    private Response route(String method, Request request, Map<String, String> headers) {
        String path = request.path();
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
        Map<String, Object> params = decode(method, request);
        Params p = Params.root(params);
        long now = clock.instant().getEpochSecond();
        Map<String, Object> result = null;
        if (parts.size() >= 2 && parts.get(0).equals("v1")) {
            List<String> rest = parts.subList(1, parts.size());
            result = switch (method + " " + String.join("/", rest.stream().map(StripeEmulator::shape).toList())) {
                case "POST customers" -> customers.create(p, now);
                case "GET customers/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield customers.retrieve(rest.get(1), p.expand());
                }
                case "POST customers/{}" -> customers.update(rest.get(1), p);
                case "DELETE customers/{}" -> customers.delete(rest.get(1));
                case "POST tax/calculations" -> taxCalculations.create(p, now);
                case "GET tax/calculations/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield taxCalculations.retrieve(rest.get(2));
                }
                case "GET tax/calculations/{}/line_items" -> {
                    p.allowOnly(java.util.Set.of("expand", "limit", "starting_after", "ending_before"));
                    yield taxCalculations.lineItems(rest.get(2));
                }
                default -> null;
            };
        }
        if (result == null) {
            throw StripeApiException.unrecognizedUrl(method, path);
        }
        return new Response(200, Json.write(result), headers);
    }

    /** Literal path segments stay; ids become {@code {}} (known collection names are never ids). */
    private static String shape(String segment) {
        return switch (segment) {
            case "customers", "tax", "calculations", "line_items" -> segment;
            default -> "{}";
        };
    }

    private static Map<String, Object> decode(String method, Request request) {
        Map<String, Object> params = FormDecoder.decode(request.query());
        if (request.bodyParams() != null) {
            params.putAll(FormDecoder.decode(request.bodyParams()));
        } else if (request.body() != null && !request.body().isEmpty()) {
            params.putAll(FormDecoder.decode(request.body()));
        }
        return params;
    }

    private static String bodyOf(Request request) {
        if (request.bodyParams() != null) {
            StringBuilder body = new StringBuilder();
            request.bodyParams().forEach(e -> body.append(e.getKey()).append('=').append(e.getValue()).append('&'));
            return body.toString();
        }
        return request.body() == null ? "" : request.body();
    }

    /** The API key from {@code Authorization: Bearer KEY} or {@code Basic base64(KEY:)}; only {@code sk_test_} keys. */
    static String authenticate(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw new StripeApiException(401, "invalid_request_error", null,
                    "You did not provide an API key. You need to provide your API key in the Authorization header, "
                            + "using Bearer auth (e.g. 'Authorization: Bearer YOUR_SECRET_KEY'). See "
                            + "https://stripe.com/docs/api#authentication for details, or we can help at "
                            + "https://support.stripe.com/.", null);
        }
        String[] parts = authorization.trim().split("\\s+", 2);
        String key = null;
        if (parts.length == 2 && parts[0].equalsIgnoreCase("Bearer")) {
            key = parts[1].trim();
        } else if (parts.length == 2 && parts[0].equalsIgnoreCase("Basic")) {
            try {
                String decoded = new String(Base64.getDecoder().decode(parts[1].trim()), StandardCharsets.UTF_8);
                int colon = decoded.indexOf(':');
                key = colon < 0 ? decoded : decoded.substring(0, colon);
            } catch (IllegalArgumentException e) {
                key = parts[1].trim();
            }
        } else {
            key = authorization.trim();
        }
        if (!key.startsWith("sk_test_") || key.length() <= "sk_test_".length()) {
            throw new StripeApiException(401, "invalid_request_error", null,
                    "Invalid API Key provided: " + redact(key), null);
        }
        return key;
    }

    /** Like Stripe: the key's prefix, asterisks, and its last four characters. */
    static String redact(String key) {
        if (key.length() <= 12) {
            return "*".repeat(key.length());
        }
        int prefix = key.startsWith("sk_test_") || key.startsWith("sk_live_") ? 8 : 3;
        return key.substring(0, prefix) + "*".repeat(key.length() - prefix - 4) + key.substring(key.length() - 4);
    }
}
