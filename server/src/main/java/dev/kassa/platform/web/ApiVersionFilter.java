package dev.kassa.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Reads the {@code Polar-Version} header of {@code /v1} requests (Polar's {@code APIVersionMiddleware}): the request
 * runs as the version {@link ApiVersion#resolve} names, and the response says which in its own {@code Polar-Version}
 * header. A malformed value answers what Polar answers, a 404 as if no route matched (Polar's body has only
 * {@code detail}; Kassa's has the {@code error} the SDKs parse too).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 10)
class ApiVersionFilter extends OncePerRequestFilter {

    static final String NOT_FOUND_BODY = "{\"error\":\"ResourceNotFound\",\"detail\":\"Not Found\"}";

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !request.getRequestURI().startsWith("/v1/") && !request.getRequestURI().equals("/v1");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<ApiVersion> version = ApiVersion.resolve(request.getHeader(ApiVersion.HEADER));
        if (version.isEmpty()) {
            response.setStatus(HttpServletResponse.SC_NOT_FOUND);
            response.setContentType(MediaType.APPLICATION_JSON_VALUE);
            response.getOutputStream().write(NOT_FOUND_BODY.getBytes(StandardCharsets.UTF_8));
            return;
        }
        request.setAttribute(ApiVersion.REQUEST_ATTRIBUTE, version.get());
        response.setHeader(ApiVersion.HEADER, version.get().wireName());
        chain.doFilter(request, response);
    }
}
