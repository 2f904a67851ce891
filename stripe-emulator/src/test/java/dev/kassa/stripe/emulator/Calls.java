package dev.kassa.stripe.emulator;

import java.util.Map;

/** Requests straight to {@link StripeEmulator#handle}, without HTTP, for tests that assert exact responses. */
final class Calls {

    static final String KEY = "sk_test_calls";

    private Calls() {
    }

    static StripeEmulator.Response call(StripeEmulator emulator, String method, String path, String body,
            String idempotencyKey) {
        String query = null;
        int q = path.indexOf('?');
        if (q >= 0) {
            query = path.substring(q + 1);
            path = path.substring(0, q);
        }
        Map<String, String> headers = idempotencyKey == null ? Map.of("authorization", "Bearer " + KEY)
                : Map.of("authorization", "Bearer " + KEY, "idempotency-key", idempotencyKey);
        return emulator.handle(new StripeEmulator.Request(method, path, query, body,
                name -> headers.get(name.toLowerCase(java.util.Locale.ROOT))));
    }

    static StripeEmulator.Response post(StripeEmulator emulator, String path, String body) {
        return call(emulator, "POST", path, body, null);
    }

    static StripeEmulator.Response get(StripeEmulator emulator, String path) {
        return call(emulator, "GET", path, "", null);
    }

    static Map<String, Object> json(StripeEmulator.Response response) {
        return Json.readObject(response.body());
    }

    /** Stripe's error object, as the emulator answers it (without {@code doc_url}, which tests need not pin). */
    @SuppressWarnings("unchecked")
    static Map<String, Object> error(StripeEmulator.Response response) {
        Map<String, Object> error = (Map<String, Object>) json(response).get("error");
        error.remove("doc_url");
        error.remove("request_log_url");
        return error;
    }
}
