package dev.kassa.platform.web;

import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * An expected failure with Polar's wire shape {@code {"error": <name>, "detail": <message>}}. The name is
 * Polar's exception class name, so subclasses in each domain are named exactly like Polar's.
 */
public class ApiError extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final Map<String, String> headers;

    public ApiError(HttpStatus status, String error, String detail) {
        this(status, error, detail, Map.of());
    }

    public ApiError(HttpStatus status, String error, String detail, Map<String, String> headers) {
        this(status, error, detail, headers, null);
    }

    /** With the failure behind it, for errors worth logging (an upstream service failed). */
    public ApiError(HttpStatus status, String error, String detail, Map<String, String> headers, Throwable cause) {
        super(detail, cause, false, cause != null);
        this.status = status;
        this.error = error;
        this.headers = Map.copyOf(headers);
    }

    public HttpStatus status() {
        return status;
    }

    public String error() {
        return error;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body; subclasses with a different shape (OAuth errors) override it. */
    public Object body() {
        return new ErrorBody(error, getMessage());
    }

    public record ErrorBody(String error, String detail) {
    }
}
