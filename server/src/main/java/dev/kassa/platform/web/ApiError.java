package dev.kassa.platform.web;

import dev.kassa.platform.json.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/**
 * An expected failure with Polar's wire shape {@code {"error": <name>, "detail": <message>}}. The name is
 * Polar's exception class name: a subclass made with {@link #ApiError(HttpStatus, String)} is named exactly like
 * Polar's exception and its name is the class's, so the two cannot differ.
 */
public class ApiError extends RuntimeException {

    private final HttpStatus status;
    private final String error;
    private final Map<String, String> headers;

    /** A failure whose wire name is its class's simple name. */
    protected ApiError(HttpStatus status, String detail) {
        this(status, null, detail, Map.of(), null);
    }

    /** A failure named after its class, with the upstream failure behind it (logged). */
    protected ApiError(HttpStatus status, String detail, Throwable cause) {
        this(status, null, detail, Map.of(), cause);
    }

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
        return error == null ? getClass().getSimpleName() : error;
    }

    public String detail() {
        return getMessage();
    }

    public Map<String, String> headers() {
        return headers;
    }

    /** The body; subclasses with a different shape (OAuth errors) override it. */
    public Object body() {
        return new ErrorBody(error(), getMessage());
    }

    /** Writes this failure as the whole answer, for a filter that answers before any controller runs. */
    public void writeTo(HttpServletResponse response) throws IOException {
        byte[] bytes = Json.write(body()).getBytes(StandardCharsets.UTF_8);
        response.setStatus(status.value());
        headers.forEach(response::setHeader);
        response.setContentType(MediaType.APPLICATION_JSON_VALUE);
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    public record ErrorBody(String error, String detail) {
    }
}
