package dev.kassa.platform.web;

import org.springframework.http.HttpStatus;

/**
 * The {@code error} name of a failure that has no exception of Polar's behind it (no route, a method not served,
 * a request the container refused): Polar's exception name where Polar has one for the status ({@code BadRequest},
 * {@code Unauthorized}, {@code NotPermitted}, {@code ResourceNotFound}, {@code InternalServerError}), else the
 * status's reason phrase without spaces ({@code MethodNotAllowed}). The detail is FastAPI's: the reason phrase.
 */
final class ErrorNames {

    private ErrorNames() {
    }

    static String name(HttpStatus status) {
        return switch (status) {
            case BAD_REQUEST -> "BadRequest";
            case UNAUTHORIZED -> "Unauthorized";
            case FORBIDDEN -> "NotPermitted";
            case NOT_FOUND -> "ResourceNotFound";
            case CONTENT_TOO_LARGE -> "PayloadTooLarge";
            case INTERNAL_SERVER_ERROR -> "InternalServerError";
            default -> status.getReasonPhrase().replaceAll("[^A-Za-z]", "");
        };
    }

    static ApiError.ErrorBody body(HttpStatus status) {
        return new ApiError.ErrorBody(name(status), status.getReasonPhrase());
    }
}
