package dev.kassa.platform.idempotency;

import dev.kassa.auth.AuthenticatedCaller;
import dev.kassa.platform.crypto.Tokens;
import dev.kassa.platform.web.RequestValidationError;
import dev.kassa.platform.web.ValidationProblem;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The inner half of {@code Idempotency-Key} handling, run after authentication so that the key's scope is known:
 * the organization of the token, the customer of a portal session, or the client secret in a buyer's path. Claims
 * the key before the handler runs, or answers the first request's stored response (with
 * {@code Idempotent-Replayed: true}), a 422 when the key came with another body, or a 409 while the first request
 * still runs. A request with no such caller (Stripe's webhooks) ignores the header.
 */
@Component
class IdempotencyInterceptor implements HandlerInterceptor {

    static final int MAX_KEY_LENGTH = 255;
    static final String REPLAYED_HEADER = "Idempotent-Replayed";
    private static final List<Object> LOC = List.of("header", "idempotency-key");

    private final IdempotencyKeys keys;

    IdempotencyInterceptor(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
            throws IOException, InterruptedException {
        if (!(handler instanceof HandlerMethod) || !(request.getAttribute(IdempotencyFilter.BODY_ATTRIBUTE) instanceof byte[] body)) {
            return true;
        }
        Optional<String> caller = caller(request);
        if (caller.isEmpty()) {
            return true;
        }
        String key = request.getHeader(IdempotencyFilter.HEADER);
        validate(key);
        KeyScope scope = new KeyScope(caller.get(), request.getMethod(), request.getRequestURI(), key);
        IdempotencyKeys.Outcome outcome = keys.begin(scope, Fingerprints.of(request.getQueryString(), body));
        return switch (outcome) {
            case IdempotencyKeys.Claimed claim -> {
                request.setAttribute(IdempotencyFilter.CLAIM_ATTRIBUTE, claim);
                yield true;
            }
            case IdempotencyKeys.Replay replay -> {
                response.setStatus(replay.status());
                replay.headers().forEach(response::setHeader);
                response.setHeader(REPLAYED_HEADER, "true");
                response.getOutputStream().write(replay.body() == null ? new byte[0] : replay.body());
                yield false;
            }
            case IdempotencyKeys.Mismatch mismatch -> throw RequestValidationError.service("idempotency_key_reused", LOC,
                    "Keys for idempotent requests can only be used with the same parameters they were first used with. "
                            + "Try using a key other than '" + key + "' if you meant to execute a different request.", key);
            case IdempotencyKeys.InUse inUse -> throw new IdempotencyKeyInUse();
        };
    }

    private static Optional<String> caller(HttpServletRequest request) {
        Optional<String> organization = AuthenticatedCaller.organization(request).map(a -> "organization:" + a.organizationId());
        if (organization.isPresent()) {
            return organization;
        }
        Optional<String> customer = AuthenticatedCaller.customer(request).map(a -> "customer:" + a.customerId());
        if (customer.isPresent()) {
            return customer;
        }
        if (request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE) instanceof Map<?, ?> variables
                && variables.get("client_secret") instanceof String secret) {
            return Optional.of("client_secret:" + Tokens.hash(secret));
        }
        return Optional.empty();
    }

    /** As a FastAPI header parameter with {@code min_length=1, max_length=255} would, in Polar's 422 shape. */
    private static void validate(String key) {
        if (key.isEmpty()) {
            throw shapeError("string_too_short", "String should have at least 1 character", key);
        }
        if (key.length() > MAX_KEY_LENGTH) {
            throw shapeError("string_too_long", "String should have at most " + MAX_KEY_LENGTH + " characters", key);
        }
        if (key.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw shapeError("string_pattern_mismatch", "String should not contain control characters", key);
        }
    }

    private static RequestValidationError shapeError(String type, String msg, String key) {
        return new RequestValidationError(RequestValidationError.SHAPE, List.of(new ValidationProblem(type, LOC, msg, key)));
    }
}
