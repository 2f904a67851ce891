package dev.kassa.auth;

import jakarta.servlet.ServletRequest;
import java.util.Optional;

/**
 * Who {@link AuthInterceptor} found the request to come from, for code that runs after it outside a controller
 * (the Idempotency-Key interceptor scopes its keys by it).
 */
public final class AuthenticatedCaller {

    private AuthenticatedCaller() {
    }

    public static Optional<OrganizationAccess> organization(ServletRequest request) {
        return Optional.ofNullable((OrganizationAccess) request.getAttribute(AuthInterceptor.ACCESS_ATTRIBUTE));
    }

    public static Optional<CustomerAccess> customer(ServletRequest request) {
        return Optional.ofNullable((CustomerAccess) request.getAttribute(AuthInterceptor.CUSTOMER_ATTRIBUTE));
    }
}
