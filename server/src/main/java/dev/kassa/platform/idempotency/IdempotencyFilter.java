package dev.kassa.platform.idempotency;

import dev.kassa.platform.web.JsonBodyResolver;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The outer half of {@code Idempotency-Key} handling, on API mutations that carry the header: reads the body ahead
 * (for {@link IdempotencyInterceptor}'s fingerprint) and captures the response; when the interceptor claimed the
 * key, stores the response for replays once the request is done, or releases the key if the answer is not one to
 * keep. Requests without the header pass untouched.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 20)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String BODY_ATTRIBUTE = IdempotencyFilter.class.getName() + ".body";
    static final String CLAIM_ATTRIBUTE = IdempotencyFilter.class.getName() + ".claim";

    private static final Logger log = LoggerFactory.getLogger(IdempotencyFilter.class);
    private static final Set<String> METHODS = Set.of("POST", "PATCH", "DELETE");
    /** The response headers a replay repeats; the others are the node's own (dates, request ids, API version). */
    static final List<String> KEPT_HEADERS = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.LOCATION,
            HttpHeaders.CONTENT_DISPOSITION, HttpHeaders.CACHE_CONTROL, HttpHeaders.LINK);
    /**
     * Failures that come before any work, so that a retry with the key should run anew (Stripe keeps no result for a
     * request that failed validation or conflicted with another): the request's shape, its size, a lock held by
     * another request, a rate limit.
     */
    private static final Set<String> NOT_KEPT_ERRORS = Set.of("RequestValidationError", "PayloadTooLarge",
            "CheckoutLocked", "ResourceLocked", "IdempotencyKeyInUse");
    private static final JsonMapper MAPPER = JsonMapper.builder().build();

    private final IdempotencyKeys keys;

    IdempotencyFilter(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return request.getHeader(HEADER) == null || !METHODS.contains(request.getMethod())
                || !request.getRequestURI().startsWith("/v1/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        HttpServletRequest wrappedRequest = request;
        if (request.getContentLengthLong() <= JsonBodyResolver.MAX_BODY_BYTES) {
            InputStream in = request.getInputStream();
            byte[] head = in.readNBytes(JsonBodyResolver.MAX_BODY_BYTES + 1);
            wrappedRequest = new CachedBodyRequest(request, head, in);
            if (head.length <= JsonBodyResolver.MAX_BODY_BYTES) {
                wrappedRequest.setAttribute(BODY_ATTRIBUTE, head);
            }
        }
        ContentCachingResponseWrapper wrappedResponse = new ContentCachingResponseWrapper(response);
        boolean finished = false;
        try {
            chain.doFilter(wrappedRequest, wrappedResponse);
            finished = true;
        } finally {
            if (wrappedRequest.getAttribute(CLAIM_ATTRIBUTE) instanceof IdempotencyKeys.Claimed claim) {
                settle(claim, finished, wrappedResponse);
            }
            wrappedResponse.copyBodyToResponse();
        }
    }

    private void settle(IdempotencyKeys.Claimed claim, boolean finished, ContentCachingResponseWrapper response) {
        byte[] body = response.getContentAsByteArray();
        try {
            if (finished && worthKeeping(response.getStatus(), body)) {
                Map<String, String> headers = new LinkedHashMap<>();
                for (String name : KEPT_HEADERS) {
                    String value = HttpHeaders.CONTENT_TYPE.equals(name) ? response.getContentType() : response.getHeader(name);
                    if (value != null) {
                        headers.put(name, value);
                    }
                }
                keys.complete(claim, response.getStatus(), headers, body);
            } else {
                keys.release(claim);
            }
        } catch (RuntimeException e) {
            // The answer still goes out; the key stays in flight until it counts as abandoned and is taken over.
            log.warn("Could not record the outcome of an Idempotency-Key request", e);
        }
    }

    static boolean worthKeeping(int status, byte[] body) {
        if (status >= 500 || status == 429) {
            return false;
        }
        if (status < 400) {
            return true;
        }
        if (body.length == 0) {
            return false; // an error the container renders itself (sendError): not the work's answer
        }
        try {
            JsonNode error = MAPPER.readTree(body).get("error");
            return error == null || !error.isString() || !NOT_KEPT_ERRORS.contains(error.asString());
        } catch (JacksonException | IllegalArgumentException e) {
            return true;
        }
    }
}
