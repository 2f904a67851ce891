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

    public StripeApiException(int status, String type, String code, String message, String param) {
        super(message);
        this.status = status;
        this.type = type;
        this.code = code;
        this.param = param;
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
        Map<String, Object> error = new LinkedHashMap<>();
        if (code != null) {
            error.put("code", code);
            error.put("doc_url", "https://stripe.com/docs/error-codes/" + code.replace('_', '-'));
        }
        error.put("message", getMessage());
        if (param != null) {
            error.put("param", param);
        }
        error.put("type", type);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", error);
        return body;
    }
}
