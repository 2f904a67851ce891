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

    /** Polar's {@code InsufficientScopeError}: its header names the scopes, any of which the operation takes. */
    static ApiError insufficientScope(java.util.List<String> requiredScopes) {
        return new OAuthError(HttpStatus.FORBIDDEN, "insufficient_scope",
                "The request requires higher privileges than provided by the access token.",
                "scope=\"" + String.join(" ", requiredScopes) + "\", ");
    }

    static final class OAuthError extends ApiError {
        OAuthError(HttpStatus status, String error, String description) {
            this(status, error, description, "");
        }

        /** authlib's header: realm, then the extra attributes, then the error and its description. */
        OAuthError(HttpStatus status, String error, String description, String extraAttributes) {
            super(status, error, description, Map.of("WWW-Authenticate", "Bearer realm=\"" + REALM + "\", " + extraAttributes
                    + "error=\"" + error + "\", error_description=\"" + description + "\""));
        }

        @Override
        public Object body() {
            return new Body(error(), detail());
        }

        record Body(String error, String errorDescription) {
        }
    }
}
