package dev.kassa.platform.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The first check of every request, before anything reads it: the query string is decoded strictly
 * ({@link QueryString}) and a query that is not valid UTF-8 or holds text PostgreSQL cannot store is a 422 at once;
 * the container's own parameter parsing (which throws on a chunk like {@code =0} and would read a form body) is
 * never used. A {@code Content-Type} that names no concrete media type ({@code *}{@code /*}, garbage) is dropped, as
 * Kassa reads every body as JSON whatever its declared type (as Polar does).
 */
@Component
// Inside the page's envelope (PageClientEnvelopeFilter, +5), so that its refusals reach the page as any other error.
@Order(Ordered.HIGHEST_PRECEDENCE + 7)
class RequestGate extends OncePerRequestFilter {

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        QueryString query;
        try {
            query = QueryString.parse(request.getQueryString());
        } catch (QueryString.Invalid invalid) {
            refuse(response, invalid.problem());
            return;
        }
        chain.doFilter(new Gated(request, query.parameters(), usableContentType(request.getContentType())), response);
    }

    private static void refuse(HttpServletResponse response, ValidationProblem problem) throws IOException {
        new RequestValidationError(RequestValidationError.SHAPE, List.of(problem)).writeTo(response);
    }

    /** The declared content type when it is a concrete, parseable media type; else none. */
    static String usableContentType(String declared) {
        if (declared == null) {
            return null;
        }
        try {
            MediaType type = MediaType.parseMediaType(declared);
            return type.isWildcardType() || type.isWildcardSubtype() ? null : declared;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static final class Gated extends HttpServletRequestWrapper {

        private final Map<String, String[]> parameters;
        private final String contentType;
        private final boolean contentTypeDropped;

        Gated(HttpServletRequest request, Map<String, String[]> parameters, String contentType) {
            super(request);
            this.parameters = parameters;
            this.contentType = contentType;
            this.contentTypeDropped = contentType == null && request.getContentType() != null;
        }

        @Override
        public String getParameter(String name) {
            String[] values = parameters.get(name);
            return values == null || values.length == 0 ? null : values[0];
        }

        @Override
        public Map<String, String[]> getParameterMap() {
            return parameters;
        }

        @Override
        public Enumeration<String> getParameterNames() {
            return Collections.enumeration(parameters.keySet());
        }

        @Override
        public String[] getParameterValues(String name) {
            String[] values = parameters.get(name);
            return values == null ? null : values.clone();
        }

        @Override
        public String getContentType() {
            return contentType;
        }

        @Override
        public String getHeader(String name) {
            if (contentTypeDropped && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                return null;
            }
            return super.getHeader(name);
        }

        @Override
        public Enumeration<String> getHeaders(String name) {
            if (contentTypeDropped && HttpHeaders.CONTENT_TYPE.equalsIgnoreCase(name)) {
                return Collections.emptyEnumeration();
            }
            return super.getHeaders(name);
        }

        @Override
        public Enumeration<String> getHeaderNames() {
            if (!contentTypeDropped) {
                return super.getHeaderNames();
            }
            List<String> names = Collections.list(super.getHeaderNames());
            names.removeIf(HttpHeaders.CONTENT_TYPE::equalsIgnoreCase);
            return Collections.enumeration(names);
        }
    }
}
