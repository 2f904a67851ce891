package dev.kassa.auth;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.Arrays;
import org.springframework.beans.factory.ObjectProvider;
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
    static final String CUSTOMER_ATTRIBUTE = CustomerAccess.class.getName();

    private final AccessTokenService tokens;
    private final ObjectProvider<CustomerSessionVerifier> customerSessions;

    AuthInterceptor(AccessTokenService tokens, ObjectProvider<CustomerSessionVerifier> customerSessions) {
        this.tokens = tokens;
        this.customerSessions = customerSessions;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!(handler instanceof HandlerMethod method)) {
            return true;
        }
        if (method.hasMethodAnnotation(RequireCustomerSession.class)) {
            String token = bearerToken(request);
            CustomerSessionVerifier verifier = customerSessions.getIfAvailable();
            CustomerAccess access = verifier == null || !token.startsWith(CustomerSessionVerifier.TOKEN_PREFIX) ? null
                    : verifier.verify(token).orElse(null);
            if (access == null) {
                throw AuthErrors.invalidToken();
            }
            request.setAttribute(CUSTOMER_ATTRIBUTE, access);
            return true;
        }
        RequireScopes required = method.getMethodAnnotation(RequireScopes.class);
        if (required == null) {
            return true;
        }
        OrganizationAccess access = tokens.authenticate(bearerToken(request)).orElseThrow(AuthErrors::invalidToken);
        if (Arrays.stream(required.value()).noneMatch(access.scopes()::contains)) {
            throw AuthErrors.insufficientScope(Arrays.stream(required.value()).map(Scope::wireName).toList());
        }
        request.setAttribute(ACCESS_ATTRIBUTE, access);
        return true;
    }

    /** The bearer token; without one (or with another scheme) the request is unauthenticated: 401. */
    private static String bearerToken(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || header.isBlank()) {
            throw AuthErrors.unauthorized();
        }
        String[] parts = header.trim().split("\\s+", 2);
        if (parts.length != 2 || !parts[0].equalsIgnoreCase("Bearer")) {
            throw AuthErrors.unauthorized();
        }
        return parts[1].trim();
    }
}
