package dev.kassa.stripe.emulator;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * Where the emulator keeps its state: Stripe objects, one record per (kind, id); idempotency keys; webhook
 * deliveries not yet made; and a few installation values (such as a generated webhook secret). Kinds are Stripe's
 * {@code object} names ({@code customer}, {@code tax.calculation}). An object is a JSON-compatible tree —
 * {@code Map<String,Object>}, {@code List}, {@code String}, {@code Long}, {@code Boolean}, {@code null} — so a store
 * may keep it as JSON text (see {@link Json#write}). Implementations must be safe for concurrent use and must not
 * hand out their internal copies. {@link InMemoryEmulatorStore} is the default; {@link JdbcEmulatorStore} keeps
 * everything in PostgreSQL so that several processes share one emulated Stripe and survive restarts.
 *
 * <p>Kinds in use: {@code customer}, {@code tax.calculation}, {@code confirmation_token}, {@code payment_method},
 * {@code payment_intent}, {@code setup_intent}, {@code charge}, {@code refund}, {@code event},
 * {@code webhook_endpoint}, {@code emulator.fault}.
 */
public interface EmulatorStore {

    /**
     * Runs {@code work}, whose store operations form one transaction where the store has transactions (the JDBC
     * store: one connection and one commit for a whole API request instead of one per operation); if {@code work}
     * throws, none of them happened. Operations of other threads are not part of it.
     */
    default <T> T atomically(java.util.function.Supplier<T> work) {
        return work.get();
    }

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
     * insertion sequence column; {@code created} alone has only second resolution).
     */
    List<Map<String, Object>> list(String kind);

    // ---- idempotency

    /**
     * Claims {@code Idempotency-Key} {@code idempotencyKey} of {@code apiKey} for a request with
     * {@code fingerprint} (method, path and body), atomically across every user of the store. Records older than
     * {@code expiredBefore} are forgotten first (Stripe prunes keys after 24 hours), as are claims still in
     * progress since before {@code abandonedBefore} (their process died). Answers {@link Claim.Claimed} when this
     * request may run (then it must {@link #completeIdempotent complete} or {@link #releaseIdempotent release} the
     * key), else what is recorded: {@link Claim.InProgress} or {@link Claim.Completed}.
     */
    Claim claimIdempotent(String apiKey, String idempotencyKey, String fingerprint, Instant now,
            Instant expiredBefore, Instant abandonedBefore);

    /** Records the response of a claimed key, for replay. */
    void completeIdempotent(String apiKey, String idempotencyKey, IdempotentResponse response);

    /** Forgets a claimed key whose request is not to be remembered (it failed validation). */
    void releaseIdempotent(String apiKey, String idempotencyKey);

    /** A remembered response: what was asked ({@code fingerprint}: method, path and body) and what was answered. */
    record IdempotentResponse(String fingerprint, int status, String body) {
    }

    /** The outcome of {@link #claimIdempotent}. */
    sealed interface Claim {

        /** The key was free (or expired): the caller runs the request. */
        record Claimed() implements Claim {
        }

        /** Another request with this key is still running. */
        record InProgress() implements Claim {
        }

        /** A request with this key ran; its response is to be replayed. */
        record Completed(IdempotentResponse response) implements Claim {
        }
    }

    // ---- webhook deliveries

    /** Adds webhook deliveries to be made (due at {@link PendingDelivery#dueAt()}). */
    void addDeliveries(List<PendingDelivery> deliveries);

    /**
     * Claims up to {@code max} deliveries due at {@code now}, for one attempt each: their {@code dueAt} moves to
     * {@code leaseUntil}, so no other process claims them meanwhile (a JDBC store selects them
     * {@code FOR UPDATE SKIP LOCKED}); if the claimant dies, they are due again then.
     */
    List<PendingDelivery> claimDueDeliveries(Instant now, Instant leaseUntil, int max);

    /** A delivery attempt failed: try again at {@code dueAt}; {@code attempt} is that next attempt's number. */
    void retryDelivery(String id, int attempt, Instant dueAt);

    /** A delivery succeeded or gave up: forget it. */
    void removeDelivery(String id);

    /**
     * Reclaims what the queues' churn left behind (every delivery is an insert, a claim and a delete). A JDBC store
     * vacuums its queue tables: autovacuum visits a database at most once a minute, and until then every claim
     * walks past the dead rows of thousands of deliveries. Others have nothing to do.
     */
    default void tidyQueues() {
    }

    /**
     * One event to POST to one endpoint. {@code counted}: whether it counts in the event's
     * {@code pending_webhooks} (a resend does not); {@code attempt} is the number of the next attempt, from 1.
     */
    record PendingDelivery(String id, String eventId, String url, String secret, String payload, boolean counted,
            int attempt, Instant dueAt) {
    }

    // ---- scheduled transitions

    /**
     * Records state changes due later (a refund that settles after a while), kept like webhook deliveries: with a
     * persistent store a restart does not lose them.
     */
    void scheduleTransitions(List<ScheduledTransition> transitions);

    /**
     * Claims up to {@code max} transitions due at {@code now}: their {@code dueAt} moves to {@code leaseUntil}, so
     * no other process claims them meanwhile (the JDBC store selects them {@code FOR UPDATE SKIP LOCKED}); one whose
     * claimant dies is due again then.
     */
    List<ScheduledTransition> claimDueTransitions(Instant now, Instant leaseUntil, int max);

    /** The transitions scheduled for one object, due or not (for the test helper that settles them at once). */
    List<ScheduledTransition> transitionsOf(String kind, String objectId);

    /** A transition ran (or was found moot): forget it. */
    void removeTransition(String id);

    /**
     * A change of object {@code (kind, objectId)} due at {@code dueAt}; {@code action} names it (e.g.
     * {@code refund.succeed}). Running it must be harmless when the object has already moved on.
     */
    record ScheduledTransition(String id, String kind, String objectId, String action, Instant dueAt) {
    }

    // ---- installation values

    /**
     * The value stored under {@code name}; when there is none, {@code initial}'s value is stored and answered —
     * atomically, so every process sharing the store sees the same value.
     */
    String value(String name, Supplier<String> initial);
}
