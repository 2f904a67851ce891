package dev.kassa.stripe.emulator;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * The emulator's core, free of any web framework: one call per HTTP request, with the path relative to the base
 * path (so it starts with {@code /v1/}). The Spring route ({@link StripeEmulatorConfiguration}) and the standalone
 * server ({@link StripeEmulatorServer}) both adapt their requests to {@link Request} and write back {@link Response}.
 *
 * <p>Implemented: customers, tax calculations, confirmation tokens (test helper), payment methods (read),
 * PaymentIntents, charges (read), refunds, SetupIntents, events, webhook endpoints, and the emulator's own test helpers
 * (see the module README for the full table).
 *
 * <p>Webhooks are delivered by a background dispatcher; {@link #close()} stops it.
 */
public final class StripeEmulator implements AutoCloseable {

    /**
     * How long a claimed {@code Idempotency-Key} may stay "in progress" before it counts as abandoned (its process
     * died mid-request) and the key is free again.
     */
    static final Duration IN_PROGRESS_LEASE = Duration.ofMinutes(5);

    private final EmulatorStore store;
    private final Faults faults;
    private final Clock clock;
    private final EmulatorSettings settings;
    private final Customers customers;
    private final TaxCalculations taxCalculations;
    private final Events events;
    private final ConfirmationTokens confirmationTokens;
    private final PaymentMethods paymentMethods;
    private final PaymentIntents paymentIntents;
    private final Charges charges;
    private final SetupIntents setupIntents;
    private final Transitions transitions;
    private final Refunds refunds;

    public StripeEmulator(EmulatorStore store) {
        this(store, Clock.systemUTC(), EmulatorSettings.defaults());
    }

    public StripeEmulator(EmulatorStore store, Clock clock) {
        this(store, clock, EmulatorSettings.defaults());
    }

    public StripeEmulator(EmulatorStore store, EmulatorSettings settings) {
        this(store, Clock.systemUTC(), settings);
    }

    public StripeEmulator(EmulatorStore store, Clock clock, EmulatorSettings settings) {
        this.store = store;
        this.clock = clock;
        this.settings = settings;
        this.faults = new Faults(store);
        this.taxCalculations = new TaxCalculations(store);
        this.events = new Events(store, settings, faults);
        this.confirmationTokens = new ConfirmationTokens(store);
        this.paymentMethods = new PaymentMethods(store, events);
        this.customers = new Customers(store, paymentMethods);
        this.paymentIntents = new PaymentIntents(store, customers, events, paymentMethods);
        this.charges = new Charges(store);
        this.setupIntents = new SetupIntents(store, customers, events, paymentMethods);
        this.transitions = new Transitions(store, clock);
        this.refunds = new Refunds(store, events, transitions, settings);
    }

    public EmulatorSettings settings() {
        return settings;
    }

    /**
     * Sends every event from now on to {@code url} too, signed with {@code secret} (a {@code whsec_...}): for an
     * application that knows its own webhook URL only once its server listens.
     */
    public void addWebhookEndpoint(String url, String secret) {
        addWebhookEndpoint(url, secret, List.of("*"));
    }

    /**
     * As {@link #addWebhookEndpoint(String, String)}, for the event types in {@code enabledEvents} only (Stripe's
     * {@code enabled_events}: exact types, {@code payment_intent.*} or {@code *}), as a real endpoint is configured.
     */
    public void addWebhookEndpoint(String url, String secret, List<String> enabledEvents) {
        if (secret == null || !secret.startsWith("whsec_")) {
            throw new IllegalArgumentException("webhook secret must start with whsec_");
        }
        events.addTarget(new EmulatorSettings.WebhookTarget(url, secret), enabledEvents);
    }

    /**
     * A webhook endpoint served by this same process: deliveries to {@code url} are handed to {@code receiver}
     * (the signed payload and its {@code Stripe-Signature} header, answering an HTTP status) instead of being
     * POSTed over loopback. Storage, leases, retries and signatures stay as for any endpoint; a process that does
     * not serve {@code url} still delivers to it over HTTP.
     */
    public void receiveInProcess(String url, WebhookReceiver receiver) {
        events.receiveInProcess(url, receiver);
    }

    /** An in-process webhook endpoint: answers the HTTP status the endpoint would. */
    @FunctionalInterface
    public interface WebhookReceiver {
        int receive(String payload, String stripeSignature);
    }

    /**
     * Stops webhook delivery and scheduled transitions. Deliveries not yet made, and transitions not yet due, stay in
     * the store: with a shared or persistent store (a {@link JdbcEmulatorStore}) another emulator, or this one after a
     * restart, makes them.
     */
    @Override
    public void close() {
        transitions.close();
        events.close();
    }

    /**
     * This installation's webhook signing secret ({@code whsec_} and 32 random letters and digits): made the first
     * time it is asked for and kept in the store, so every process sharing the store, and this one after a
     * restart with a persistent store, signs with the same secret. An application that has the emulator send
     * webhooks to itself ({@link #addWebhookEndpoint}) verifies them with it.
     */
    public String installationWebhookSecret() {
        return store.value(WEBHOOK_SECRET, () -> "whsec_" + Ids.random(32));
    }

    static final String WEBHOOK_SECRET = "webhook_secret";

    /** What an event records about the request that caused it, and the request's time. */
    record Call(long now, String requestId, String idempotencyKey) {
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

    /**
     * An HTTP response: status, JSON body, and headers besides {@code Content-Type: application/json}. A non-null
     * {@code withholdFor} means the test trigger {@code emulator_fail_after_charge=timeout} fired: the adapter must
     * not answer, but wait that long and then drop the connection (or, where it cannot, answer 500).
     */
    public record Response(int status, String body, Map<String, String> headers, Duration withholdFor) {

        public Response(int status, String body, Map<String, String> headers) {
            this(status, body, headers, null);
        }
    }

    public Response handle(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        String requestId = Ids.next("req_");
        headers.put("Request-Id", requestId);
        String version = request.header().apply("Stripe-Version");
        if (version != null) {
            headers.put("Stripe-Version", version);
        }
        try {
            String apiKey = authenticate(request.header().apply("Authorization"));
            String method = request.method().toUpperCase(Locale.ROOT);
            String idempotencyKey = request.header().apply("Idempotency-Key");
            boolean idempotent = idempotencyKey != null && method.equals("POST");
            if (idempotent) {
                headers.put("Idempotency-Key", idempotencyKey);
            }
            while (true) {
                try {
                    if (idempotent) {
                        return idempotently(apiKey, idempotencyKey, method, request, headers, requestId);
                    }
                    return store.atomically(() -> {
                        faults.throwIfFaulted(method, request.path());
                        return route(method, request, headers, new Call(now(), requestId, null));
                    });
                } catch (Faults.Hit hit) {
                    faults.fire(hit, method, request.path());
                }
            }
        } catch (StripeApiException e) {
            return new Response(e.status(), Json.write(e.body()), headers);
        }
    }

    /**
     * Runs a POST under its {@code Idempotency-Key}: replays a remembered response (400 if the parameters or path
     * differ), answers 409 while another request with the key runs, else runs it and remembers the result when
     * the endpoint got to work (2xx, and the 402 and 500 errors marked {@link StripeApiException#remembered()}).
     */
    private Response idempotently(String apiKey, String key, String method, Request request,
            Map<String, String> headers, String requestId) {
        String fingerprint = method + " " + request.path() + "\n" + bodyOf(request);
        Instant now = clock.instant();
        boolean[] claimed = new boolean[1];
        try {
            // The claim, the endpoint's writes and the remembered response commit together: one transaction in a
            // JDBC store, whose claim holds a lock on the key that a concurrent request with it finds taken (409).
            return store.atomically(() -> {
                // A faulted request never runs and is not remembered: checked before the key is claimed.
                faults.throwIfFaulted(method, request.path());
                EmulatorStore.Claim claim = store.claimIdempotent(apiKey, key, fingerprint, now,
                        now.minus(settings.idempotencyKeyTtl()), now.minus(IN_PROGRESS_LEASE));
                if (claim instanceof EmulatorStore.Claim.Completed completed) {
                    return replay(completed.response(), fingerprint, key, headers);
                }
                if (claim instanceof EmulatorStore.Claim.InProgress) {
                    throw new StripeApiException(409, "idempotency_error", "idempotency_key_in_use",
                            "There is currently another in-progress request using this Idempotency Key (that probably "
                                    + "means you submitted twice, and the other request is still going through): " + key
                                    + ". Please try again later.", null);
                }
                claimed[0] = true;
                Response ran;
                try {
                    ran = route(method, request, headers, new Call(now.getEpochSecond(), requestId, key));
                } catch (StripeApiException e) {
                    if (!e.isRemembered()) {
                        throw e;
                    }
                    // The endpoint ran (a decline, an outage after the charge): Stripe keeps that result.
                    ran = new Response(e.status(), Json.write(e.body()), headers);
                }
                if (ran.status() / 100 == 2 || ran.status() >= 402) {
                    store.completeIdempotent(apiKey, key,
                            new EmulatorStore.IdempotentResponse(fingerprint, ran.status(), ran.body()));
                } else {
                    store.releaseIdempotent(apiKey, key);
                }
                return ran;
            });
        } catch (RuntimeException | Error e) {
            if (claimed[0]) {
                // A store without transactions keeps the claim: forget it (in a JDBC store it was rolled back).
                store.releaseIdempotent(apiKey, key);
            }
            throw e;
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

    private long now() {
        return clock.instant().getEpochSecond();
    }

    private Response route(String method, Request request, Map<String, String> headers, Call call) {
        String path = request.path();
        List<String> parts = List.of(path.replaceAll("^/+|/+$", "").split("/+"));
        Map<String, Object> params = decode(method, request);
        Params p = Params.root(params);
        long now = call.now();
        boolean mayFailAfterCharge = false;
        Map<String, Object> result = null;
        if (parts.size() >= 2 && parts.get(0).equals("v1")) {
            List<String> rest = parts.subList(1, parts.size());
            result = switch (method + " " + String.join("/", rest.stream().map(StripeEmulator::shape).toList())) {
                case "POST customers" -> customers.create(p, call);
                case "GET customers/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield customers.retrieve(rest.get(1), p.expand());
                }
                case "POST customers/{}" -> customers.update(rest.get(1), p);
                case "DELETE customers/{}" -> customers.delete(rest.get(1));
                case "GET customers/{}/payment_methods" -> paymentMethods.listOfCustomer(rest.get(1), p);
                case "GET customers/{}/payment_methods/{}" ->
                        paymentMethods.retrieveOfCustomer(rest.get(1), rest.get(3), p);
                case "GET payment_methods" -> paymentMethods.list(p);
                case "POST payment_methods/{}/attach" -> paymentMethods.attach(rest.get(1), p, call);
                case "POST payment_methods/{}/detach" -> paymentMethods.detach(rest.get(1), p, call);
                case "POST tax/calculations" -> taxCalculations.create(p, now);
                case "GET tax/calculations/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield taxCalculations.retrieve(rest.get(2));
                }
                case "GET tax/calculations/{}/line_items" -> {
                    p.allowOnly(java.util.Set.of("expand", "limit", "starting_after", "ending_before"));
                    yield taxCalculations.lineItems(rest.get(2));
                }
                case "POST test_helpers/confirmation_tokens" -> confirmationTokens.create(p, call);
                case "GET confirmation_tokens/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield confirmationTokens.retrieve(rest.get(1));
                }
                case "GET payment_methods/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield paymentMethods.retrieve(rest.get(1));
                }
                case "POST payment_intents" -> {
                    mayFailAfterCharge = true;
                    yield paymentIntents.create(p, call);
                }
                case "GET payment_intents" -> IntentQueries.list(store, PaymentIntents.KIND, p,
                        "/v1/payment_intents", "payment_intent");
                case "GET payment_intents/search" -> IntentQueries.search(store, PaymentIntents.KIND, p,
                        "/v1/payment_intents/search");
                case "GET payment_intents/{}" -> paymentIntents.retrieve(rest.get(1), p);
                case "POST payment_intents/{}/confirm" -> {
                    mayFailAfterCharge = true;
                    yield paymentIntents.confirm(rest.get(1), p, call);
                }
                case "POST payment_intents/{}/cancel" -> paymentIntents.cancel(rest.get(1), p, call);
                case "POST test_helpers/payment_intents/{}/authenticate" ->
                        paymentIntents.authenticate(rest.get(2), p, call);
                case "GET charges/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield charges.retrieve(rest.get(1), p.expand());
                }
                case "POST refunds" -> {
                    mayFailAfterCharge = true;
                    yield refunds.create(p, call);
                }
                case "GET refunds" -> refunds.list(p);
                case "GET refunds/{}" -> refunds.retrieve(rest.get(1), p);
                case "POST refunds/{}" -> refunds.update(rest.get(1), p, call);
                case "POST refunds/{}/cancel" -> refunds.cancel(rest.get(1), p);
                case "POST test_helpers/refunds/{}/settle" -> refunds.settle(rest.get(2), p, call);
                case "POST setup_intents" -> setupIntents.create(p, call);
                case "GET setup_intents" -> IntentQueries.list(store, SetupIntents.KIND, p, "/v1/setup_intents",
                        "setupintent");
                case "GET setup_intents/{}" -> setupIntents.retrieve(rest.get(1), p);
                case "POST setup_intents/{}/confirm" -> setupIntents.confirm(rest.get(1), p, call);
                case "POST setup_intents/{}/cancel" -> setupIntents.cancel(rest.get(1), p, call);
                case "POST test_helpers/setup_intents/{}/authenticate" ->
                        setupIntents.authenticate(rest.get(2), p, call);
                case "GET events" -> events.list(p);
                case "GET events/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield events.retrieve(rest.get(1));
                }
                case "POST test_helpers/events/{}/resend" -> events.resend(rest.get(2), p);
                case "POST webhook_endpoints" -> events.createEndpoint(p, now);
                case "GET webhook_endpoints" -> events.listEndpoints(p);
                case "GET webhook_endpoints/{}" -> {
                    p.allowOnly(java.util.Set.of("expand"));
                    yield events.retrieveEndpoint(rest.get(1));
                }
                case "DELETE webhook_endpoints/{}" -> events.deleteEndpoint(rest.get(1));
                case "POST test_helpers/emulator/faults" -> faults.create(p, now);
                case "GET test_helpers/emulator/faults" -> faults.list(Faults.PATH);
                case "DELETE test_helpers/emulator/faults" -> faults.clear(Faults.PATH);
                default -> null;
            };
        }
        if (result == null) {
            throw StripeApiException.unrecognizedUrl(method, path);
        }
        String body = Json.write(result);
        // A refund counts from its creation: pending ones too (their money is on its way back).
        if (mayFailAfterCharge && ("succeeded".equals(result.get("status")) || "refund".equals(result.get("object"))
                && "pending".equals(result.get("status")))
                && result.get("metadata") instanceof Map<?, ?> metadata) {
            Object trigger = metadata.get(PaymentIntents.FAIL_AFTER_CHARGE);
            if ("timeout".equals(trigger)) {
                return new Response(200, body, headers, settings.failAfterChargeHang());
            }
            if ("500".equals(trigger)) {
                throw StripeApiException.apiError("Emulated Stripe failure after the charge (metadata "
                        + PaymentIntents.FAIL_AFTER_CHARGE + "=500).").remembered();
            }
        }
        return new Response(200, body, headers);
    }

    /** Literal path segments stay; ids become {@code {}} (known collection names are never ids). */
    private static String shape(String segment) {
        return switch (segment) {
            case "customers", "tax", "calculations", "line_items", "test_helpers", "confirmation_tokens",
                 "payment_methods", "payment_intents", "confirm", "cancel", "authenticate", "charges", "setup_intents",
                 "events", "resend", "webhook_endpoints", "emulator", "faults", "search", "refunds", "settle", "attach",
                 "detach" -> segment;
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
