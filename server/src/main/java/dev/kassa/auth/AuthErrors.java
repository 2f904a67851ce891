package dev.kassa.auth;

import dev.kassa.platform.web.ApiError;
import java.util.Map;
import org.springframework.http.HttpStatus;

/** The three authentication failures, in the shapes Polar (through authlib's RFC 6750 errors) sends. */
final class AuthErrors {

    static final String REALM = "polar";

    private AuthErrors() {
    }

    static ApiError unauthorized() {
        return new ApiError(HttpStatus.UNAUTHORIZED, "Unauthorized", "Unauthorized",
                Map.of("WWW-Authenticate", "Bearer realm=\"" + REALM + "\""));
    }

    static ApiError invalidToken() {
        return new OAuthError(HttpStatus.UNAUTHORIZED, "invalid_token",
                "The access token provided is expired, revoked, malformed, or invalid for other reasons.");
    }

    static ApiError insufficientScope() {
        return new OAuthError(HttpStatus.FORBIDDEN, "insufficient_scope",
                "The request requires higher privileges than provided by the access token.");
    }

    static final class OAuthError extends ApiError {
        OAuthError(HttpStatus status, String error, String description) {
            super(status, error, description, Map.of("WWW-Authenticate",
                    "Bearer realm=\"" + REALM + "\", error=\"" + error + "\", error_description=\"" + description + "\""));
        }

        @Override
        public Object body() {
            return new Body(error(), detail());
        }

        record Body(String error, String errorDescription) {
        }
    }
}
