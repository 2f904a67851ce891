package dev.kassa.stripe.emulator;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * Where the emulator keeps its Stripe objects, one record per (kind, id). Kinds are Stripe's {@code object} names
 * ({@code customer}, {@code tax.calculation}). An object is a JSON-compatible tree — {@code Map<String,Object>},
 * {@code List}, {@code String}, {@code Long}, {@code Boolean}, {@code null} — so a store may keep it as JSON text
 * (see {@link Json#write}) in one table keyed by (kind, id); that is how a JDBC store for several Kassa nodes would
 * be built. Implementations must be safe for concurrent use and must not hand out their internal copies.
 *
 * <p>Kinds in use: {@code customer}, {@code tax.calculation}, {@code confirmation_token}, {@code payment_method},
 * {@code payment_intent}, {@code setup_intent}, {@code charge}, {@code event}, {@code webhook_endpoint}.
 */
public interface EmulatorStore {

    /** Stores a new object; an existing one with the same kind and id is replaced. */
    void insert(String kind, String id, Map<String, Object> object);

    Optional<Map<String, Object>> find(String kind, String id);

    /**
     * Atomically replaces an object with {@code change} applied to a copy of it (a JDBC store does this in one
     * transaction with a row lock). Empty when there is no such object. {@code change} may throw a
     * {@link StripeApiException}, in which case nothing is stored.
     */
    Optional<Map<String, Object>> update(String kind, String id, UnaryOperator<Map<String, Object>> change);

    /**
     * All objects of a kind, oldest first, in the order they were first inserted (a JDBC store orders by an
     * insertion sequence column; {@code created} alone has only second resolution). Used to list events and
     * webhook endpoints.
     */
    List<Map<String, Object>> list(String kind);

    /** The response first given to a POST with this {@code Idempotency-Key}, for this API key. */
    Optional<IdempotentResponse> findIdempotent(String apiKey, String idempotencyKey);

    /**
     * Remembers a response for replay; when another request stored one first under the same keys, that one is kept
     * and returned.
     */
    IdempotentResponse rememberIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response);

    /** A remembered response: what was asked ({@code fingerprint}: method, path and body) and what was answered. */
    record IdempotentResponse(String fingerprint, int status, String body) {
    }
}
