package dev.kassa.stripe.emulator;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An error the emulator answers with, in Stripe's shape: {@code {"error":{"type","code","message","param"}}} and
 * an HTTP status. stripe-java chooses its exception class from the status alone (400/404 →
 * {@code InvalidRequestException}, 401 → {@code AuthenticationException}, 402 → {@code CardException}), so the
 * status matters as much as the type.
 */
public final class StripeApiException extends RuntimeException {

    private final int status;
    private final String type;
    private final String code;
    private final String param;
    private final Map<String, Object> extra = new LinkedHashMap<>();
    private boolean remembered;

    public StripeApiException(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
    }

    /**
     * A card error (HTTP 402, {@code card_error}), e.g. {@code card_declined} with a {@code decline_code}.
     * stripe-java throws {@code CardException}. The request has been carried out (an intent was updated), so the
     * answer is {@linkplain #remembered() remembered} for its idempotency key, as Stripe does.
     */
    public static StripeApiException cardError(String code, String declineCode, String message) {
        StripeApiException e = new StripeApiException(402, "card_error", code, message, null);
        if (declineCode != null) {
            e.with("decline_code", declineCode);
        }
        return e.remembered();
    }

    /** Adds a field to the error object, e.g. {@code decline_code}, {@code charge}, {@code payment_intent}. */
    public StripeApiException with(String key, Object value) {
        extra.put(key, value);
        return this;
    }

    /**
     * Marks an error the endpoint produced after it started working (a decline, an emulated outage after a charge):
     * Stripe saves such results for the request's {@code Idempotency-Key} and replays them; validation errors it
     * does not.
     */
    public StripeApiException remembered() {
        this.remembered = true;
        return this;
    }

    public boolean isRemembered() {
        return remembered;
    }

    public static StripeApiException invalidRequest(String message, String param) {
        return new StripeApiException(400, "invalid_request_error", null, message, param);
    }

    public static StripeApiException invalidRequest(String code, String message, String param) {
        return new StripeApiException(400, "invalid_request_error", code, message, param);
    }

    public static StripeApiException missingParam(String param) {
        return new StripeApiException(400, "invalid_request_error", "parameter_missing",
                "Missing required param: " + param + ".", param);
    }

    public static StripeApiException unknownParam(String param) {
        return new StripeApiException(400, "invalid_request_error", "parameter_unknown",
                "Received unknown parameter: " + param, param);
    }

    public static StripeApiException invalidInteger(String param, Object value) {
        return new StripeApiException(400, "invalid_request_error", "parameter_invalid_integer",
                "Invalid integer: " + value, param);
    }

    public static StripeApiException resourceMissing(String objectName, String id, String param) {
        return new StripeApiException(404, "invalid_request_error", "resource_missing",
                "No such " + objectName + ": '" + id + "'", param);
    }

    /**
     * An object a parameter names does not exist: Stripe answers 400 (not the 404 of a missing object in the path),
     * e.g. {@code "No such price: 'price_x'"} with {@code param: "line_items[0][price]"}.
     */
    public static StripeApiException missingParameterObject(String objectName, String id, String param) {
        return new StripeApiException(400, "invalid_request_error", "resource_missing",
                "No such " + objectName + ": '" + id + "'", param);
    }

    public static StripeApiException unrecognizedUrl(String method, String path) {
        return new StripeApiException(404, "invalid_request_error", null,
                "Unrecognized request URL (" + method + ": " + path + "). Please see https://stripe.com/docs "
                        + "or we can help at https://support.stripe.com/.", null);
    }

    /** Stripe's own failure (HTTP 500, {@code api_error}): nothing the caller sent is wrong. */
    public static StripeApiException apiError(String message) {
        return new StripeApiException(500, "api_error", null, message, null);
    }

    public static StripeApiException customerTaxLocationInvalid(String param) {
        return new StripeApiException(400, "invalid_request_error", "customer_tax_location_invalid",
                "We could not determine the customer's tax location based on the provided customer address.",
                param);
    }

    public int status() {
        return status;
    }

    public String type() {
        return type;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }

    /** The response body: Stripe leaves out {@code code} and {@code param} when they have no value. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", errorObject());
        return body;
    }

    /** The error object alone (also what an intent's {@code last_payment_error} holds). */
    public Map<String, Object> errorObject() {
        Map<String, Object> error = new LinkedHashMap<>();
        if (extra.containsKey("charge")) {
            error.put("charge", extra.get("charge"));
        }
        if (code != null) {
            error.put("code", code);
        }
        if (extra.containsKey("decline_code")) {
            error.put("decline_code", extra.get("decline_code"));
        }
        if (code != null) {
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        extra.forEach((k, v) -> {
            if (!k.equals("charge") && !k.equals("decline_code")) {
                error.put(k, v);
            }
        });
        error.put("type", type);
        return error;
    }
}
