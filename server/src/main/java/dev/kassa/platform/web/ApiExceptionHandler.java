package dev.kassa.platform.web;

import dev.kassa.platform.db.SqlStates;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.MediaType;
import org.springframework.web.ErrorResponse;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.NoHandlerFoundException;
import org.springframework.web.servlet.resource.NoResourceFoundException;

/** Renders every failure in Polar's shapes; Spring's default error bodies never reach a client. */
@RestControllerAdvice
class ApiExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

    @ExceptionHandler(ApiError.class)
    ResponseEntity<Object> apiError(ApiError error) {
        if (error.status().is5xxServerError()) {
            log.warn("{}: {}", error.error(), error.detail(), error.getCause());
        }
        HttpHeaders headers = new HttpHeaders();
        error.headers().forEach(headers::add);
        return ResponseEntity.status(error.status()).headers(headers).body(error.body());
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String where = e.getParameter().hasParameterAnnotation(org.springframework.web.bind.annotation.PathVariable.class) ? "path" : "query";
        String raw = e.getValue() == null ? null : e.getValue().toString();
        ValidationProblem problem = UUID.class.equals(e.getRequiredType())
                ? new ValidationProblem("uuid_parsing", List.of(where, e.getName()),
                        "Input should be a valid UUID, " + Uuids.describeProblem(raw == null ? "" : raw), raw)
                : new ValidationProblem("type_error", List.of(where, e.getName()), "Input is not valid", raw);
        return apiError(new RequestValidationError(RequestValidationError.SHAPE, List.of(problem)));
    }

    @ExceptionHandler(MissingServletRequestParameterException.class)
    ResponseEntity<Object> missingParameter(MissingServletRequestParameterException e) {
        return apiError(new RequestValidationError(RequestValidationError.SHAPE,
                List.of(new ValidationProblem("missing", List.of("query", e.getParameterName()), "Field required", null))));
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ResponseEntity<Object> unreadable(HttpMessageNotReadableException e) {
        return apiError(new RequestValidationError(RequestValidationError.SHAPE,
                List.of(new ValidationProblem("json_invalid", List.of("body", 0), "JSON decode error", Map.of()))));
    }

    /**
     * A path no route serves: FastAPI's {@code {"detail": "Not Found"}} plus the {@code error} name the SDKs parse
     * (their {@code ResourceNotFound}). Note the capital F, as FastAPI's; an unknown id says "Not found".
     */
    @ExceptionHandler({NoResourceFoundException.class, NoHandlerFoundException.class})
    ResponseEntity<Object> noRoute(Exception e) {
        return ResponseEntity.status(HttpStatus.NOT_FOUND).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorNames.body(HttpStatus.NOT_FOUND));
    }

    /** A method the path does not serve: FastAPI's 405 {@code {"detail": "Method Not Allowed"}} with an error name. */
    @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
    ResponseEntity<Object> methodNotAllowed(HttpRequestMethodNotSupportedException e) {
        HttpHeaders headers = new HttpHeaders();
        if (e.getSupportedHttpMethods() != null) {
            headers.setAllow(e.getSupportedHttpMethods());
        }
        return ResponseEntity.status(HttpStatus.METHOD_NOT_ALLOWED).headers(headers).contentType(MediaType.APPLICATION_JSON)
                .body(ErrorNames.body(HttpStatus.METHOD_NOT_ALLOWED));
    }

    /**
     * Spring's other request failures (a media type it cannot read or write, a missing header): their status with an
     * error name, never a 500. Content negotiation ignores {@code Accept} (as FastAPI), so a 406 should not happen.
     */
    private static ResponseEntity<Object> springError(ErrorResponse e, HttpStatus status) {
        HttpHeaders headers = new HttpHeaders();
        headers.putAll(e.getHeaders());
        return ResponseEntity.status(status).headers(headers).contentType(MediaType.APPLICATION_JSON).body(ErrorNames.body(status));
    }

    /**
     * An unexpected failure is a 500 with an error id to find in the log. Two database failures are not bugs, and
     * the request changed nothing, so the client may try again: a lock waited for longer than
     * {@code DATABASE_LOCK_TIMEOUT} (55P03, where no service turned it into its own answer) or a transaction aborted to
     * break a deadlock (40P01) is a 409
     * {@code ResourceLocked}, a statement stopped by {@code DATABASE_STATEMENT_TIMEOUT} (57014) a 503
     * {@code DatabaseTimeout}. No free pooled connection within the pool's wait (an overload: more requests than the
     * database can serve at once) is a 503 {@code ServiceUnavailable} with {@code Retry-After}; a confirm whose charge
     * was made never gets here (it answers that the payment is processing).
     */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) {
        if (e instanceof ErrorResponse response) {
            HttpStatus status = HttpStatus.resolve(response.getStatusCode().value());
            if (status != null && status.is4xxClientError()) {
                return springError(response, status);
            }
        }
        if (SqlStates.has(e, SqlStates.LOCK_NOT_AVAILABLE) || SqlStates.has(e, SqlStates.DEADLOCK_DETECTED)) {
            log.warn("A request gave up waiting for a database lock", e);
            return apiError(new ApiError(HttpStatus.CONFLICT, "ResourceLocked",
                    "The resource is being changed by another request. Try again in a moment."));
        }
        if (SqlStates.has(e, SqlStates.QUERY_CANCELED)) {
            log.warn("A database statement was canceled (statement timeout)", e);
            return apiError(new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "DatabaseTimeout",
                    "The database did not answer in time. Try again in a moment.", Map.of(HttpHeaders.RETRY_AFTER, "5")));
        }
        if (SqlStates.hasClass(e, SqlStates.DATA_EXCEPTION_CLASS)) {
            // Input a check should have refused reached the database, which refused it in turn (and rolled back).
            log.warn("The database refused a value of the request; a validation is missing", e);
            return apiError(new RequestValidationError(RequestValidationError.SHAPE, List.of(new ValidationProblem(
                    "value_error", List.of("body"), "Value error, the input holds a value that cannot be stored", null))));
        }
        if (causedBy(e, java.sql.SQLTransientConnectionException.class)) {
            log.warn("No database connection was free in time: the node is overloaded ({})", e.getMessage());
            return apiError(new ApiError(HttpStatus.SERVICE_UNAVAILABLE, "ServiceUnavailable",
                    "The server is busy. Try again in a moment.", Map.of(HttpHeaders.RETRY_AFTER, "1")));
        }
        String errorId = UUID.randomUUID().toString();
        log.error("Unhandled error {}", errorId, e);
        return ResponseEntity.status(HttpStatus.INTERNAL_SERVER_ERROR).contentType(MediaType.APPLICATION_JSON)
                .body(new ApiError.ErrorBody("InternalServerError", "Internal Server Error (error id " + errorId + ")"));
    }

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
        }
        return false;
    }
}
