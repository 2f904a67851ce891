package dev.kassa.platform.web;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.servlet.HandlerMapping;

/**
 * One access-log line per request (logger {@code kassa.access}): method, route template, status (the real one of an
 * answer sent with another, {@link RealStatus}), duration and request id. The path is never logged as sent, only as
 * its route template ({@code /v1/checkouts/client/{client_secret}}), and
 * neither are the query, the headers or the body: a client secret, a token or card data cannot reach the log this way.
 * Every response carries {@code X-Request-Id}: the caller's when it is a plain token, else a new one; every line logged
 * while the request runs carries it too (MDC {@code request_id}).
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class AccessLogFilter extends OncePerRequestFilter {

    static final String HEADER = "X-Request-Id";
    static final String MDC_KEY = "request_id";
    /** A route no handler matched (a 404, or a request refused before routing): its path is not logged. */
    static final String UNMATCHED = "(unmatched)";
    private static final Pattern ACCEPTED_ID = Pattern.compile("[A-Za-z0-9._:=+/-]{1,128}");
    private static final Logger log = LoggerFactory.getLogger("kassa.access");

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long started = System.nanoTime();
        String sent = request.getHeader(HEADER);
        String requestId = sent != null && ACCEPTED_ID.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
        response.setHeader(HEADER, requestId);
        MDC.put(MDC_KEY, requestId);
        boolean failed = true;
        try {
            chain.doFilter(request, response);
            failed = false;
        } finally {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new AsyncListener() {
                    @Override
                    public void onComplete(AsyncEvent event) {
                        log(request, response.getStatus(), started, requestId);
                    }

                    @Override
                    public void onTimeout(AsyncEvent event) {
                    }

                    @Override
                    public void onError(AsyncEvent event) {
                    }

                    @Override
                    public void onStartAsync(AsyncEvent event) {
                    }
                });
            } else {
                log(request, failed ? HttpServletResponse.SC_INTERNAL_SERVER_ERROR : RealStatus.of(request, response.getStatus()),
                        started, requestId);
            }
            MDC.remove(MDC_KEY);
        }
    }

    private static void log(HttpServletRequest request, int status, long started, String requestId) {
        long millis = (System.nanoTime() - started) / 1_000_000;
        String route = route(request);
        log.atInfo().addKeyValue("http.request.method", request.getMethod()).addKeyValue("http.route", route)
                .addKeyValue("http.response.status_code", status).addKeyValue("event.duration_ms", millis)
                .log("{} {} {} {}ms request_id={}", request.getMethod(), route, status, millis, requestId);
    }

    static String route(HttpServletRequest request) {
        Object pattern = request.getAttribute(HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE);
        return pattern == null ? UNMATCHED : pattern.toString();
    }
}
