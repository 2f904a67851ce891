package dev.kassa.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Authenticates endpoints marked {@link RequireScopes} before any argument is read, so a request without a
 * valid token hears 401 even when its body is malformed, as with Polar.
 */
@Component
class AuthInterceptor implements HandlerInterceptor {

    static final String ACCESS_ATTRIBUTE = OrganizationAccess.class.getName();

    private final AccessTokenService tokens;

    AuthInterceptor(AccessTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        RequireScopes required = method.getMethodAnnotation(RequireScopes.class);
        if (required == null) {
            return true;
        }
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw AuthErrors.unauthorized();
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw AuthErrors.unauthorized();
        }
        OrganizationAccess access = tokens.authenticate(parts[1].trim()).orElseThrow(AuthErrors::invalidToken);
        if (Arrays.stream(required.value()).noneMatch(access.scopes()::contains)) {
            throw AuthErrors.insufficientScope();
        }
        request.setAttribute(ACCESS_ATTRIBUTE, access);
        return true;
    }
}
