package dev.kassa.platform.ratelimit;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The rate limits of {@code /v1} (README "Rate limits"), early in the chain: after the access log and the API
 * version, before authentication and before the Idempotency-Key filter, so a refused request does no work, touches
 * no key and is not remembered. Every counted answer carries {@code RateLimit-Limit}, {@code RateLimit-Remaining},
 * {@code RateLimit-Reset} and {@code RateLimit-Policy} (IETF draft-ietf-httpapi-ratelimit-headers-07); a refusal is
 * 429 with {@code Retry-After} and Polar's error shape.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 15)
class RateLimitFilter extends OncePerRequestFilter {


    private final RateLimitSettings settings;
    private final RequestIdentities identities;
    private final RateLimiter limiter;
    private final ObjectProvider<HandlerMapping> handlerMapping;

    RateLimitFilter(RateLimitSettings settings, RequestIdentities identities, RateLimiter limiter,
            @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> handlerMapping) {
        this.settings = settings;
        this.identities = identities;
        this.limiter = limiter;
        this.handlerMapping = handlerMapping;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !settings.enabled() || !request.getRequestURI().startsWith("/v1");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        Optional<RequestIdentities.Identity> identity = identities.of(request);
        Optional<RateLimiter.Verdict> verdict = identity.flatMap(limiter::check);
        if (verdict.isPresent()) {
            RateLimiter.Verdict v = verdict.get();
            response.setHeader("RateLimit-Limit", Integer.toString(v.limit()));
            response.setHeader("RateLimit-Remaining", Integer.toString(v.remaining()));
            response.setHeader("RateLimit-Reset", Long.toString(v.resetSeconds()));
            response.setHeader("RateLimit-Policy", v.zone().windows().stream()
                    .map(w -> w.limit() + ";w=" + w.length().toSeconds()).collect(Collectors.joining(", ")));
            if (!v.allowed()) {
                refuse(request, response, v);
                return;
            }
        }
        chain.doFilter(request, response);
    }

    private void refuse(HttpServletRequest request, HttpServletResponse response, RateLimiter.Verdict verdict) throws IOException {
        recordRoute(request);
        new TooManyRequests(verdict.zone(), verdict.retryAfterSeconds()).writeTo(response);
    }

    /** Lets the access log and the HTTP metrics name the route template of a refused request, as of any other. */
    private void recordRoute(HttpServletRequest request) {
        try {
            HandlerMapping mapping = handlerMapping.getIfAvailable();
            if (mapping != null) {
                if (!ServletRequestPathUtils.hasParsedRequestPath(request)) {
                    ServletRequestPathUtils.parseAndCache(request);
                }
                mapping.getHandler(request);
            }
        } catch (Exception e) {
            // no route matched: the access log says "(unmatched)"
        }
    }
}
