package dev.kassa.platform.idempotency;

import dev.kassa.platform.json.Json;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;

/**
 * The stored {@code Idempotency-Key}s. Every step is one short statement of its own (no transaction spans the
 * request): the claim inserts the row before the work, the outcome is written after it, and a claim that another
 * request already holds is checked again by compare-and-set on its lock, so two nodes never both run one key.
 */
@Service
class IdempotencyKeys {

    /** How often a request waiting for the first one with its key looks again: soon, then less and less often. */
    private static final Duration FIRST_POLL = Duration.ofMillis(25);
    private static final Duration LAST_POLL = Duration.ofMillis(400);

    private final IdempotencyKeyRepository keys;
    private final Clock clock;
    private final Duration ttl;
    private final Duration abandonedAfter;
    private final Duration inFlightWait;

    IdempotencyKeys(IdempotencyKeyRepository keys, Clock clock, @Value("${kassa.idempotency.ttl:PT24H}") Duration ttl,
            @Value("${kassa.idempotency.abandoned-after:PT5M}") Duration abandonedAfter,
            @Value("${kassa.idempotency.in-flight-wait:PT5S}") Duration inFlightWait) {
        this.keys = keys;
        this.clock = clock;
        this.ttl = ttl;
        this.abandonedAfter = abandonedAfter;
        this.inFlightWait = inFlightWait;
    }

    sealed interface Outcome {
    }

    /** This request holds the key: it runs, then {@link #complete}s or {@link #release}s it. */
    record Claimed(UUID id, UUID lockToken) implements Outcome {
    }

    /** The first request's answer, to send again. */
    record Replay(int status, Map<String, String> headers, byte[] body) implements Outcome {
    }

    /** The key was first used with another body. */
    record Mismatch() implements Outcome {
    }

    /** The first request with the key is still running after the wait. */
    record InUse() implements Outcome {
    }

    /**
     * Claims the key, or answers what the first request with it answered. While that one still runs this waits up
     * to {@code kassa.idempotency.in-flight-wait} for its answer (polling, holding no connection in between), so a
     * client's retry racing its first attempt gets the same answer rather than an error; past the wait it is
     * {@link InUse}. A first request that released the key (its answer was not worth keeping) lets this one run.
     */
    Outcome begin(KeyScope scope, String fingerprint) throws InterruptedException {
        byte[] hash = scope.hash();
        long deadline = System.nanoTime() + inFlightWait.toNanos();
        Duration poll = FIRST_POLL;
        while (true) {
            Optional<Outcome> outcome = attempt(hash, scope, fingerprint);
            if (outcome.isPresent() && !(outcome.get() instanceof InUse && System.nanoTime() < deadline)) {
                return outcome.get();
            }
            if (outcome.isPresent()) {
                Thread.sleep(poll);
                poll = poll.multipliedBy(2).compareTo(LAST_POLL) > 0 ? LAST_POLL : poll.multipliedBy(2);
            }
        }
    }

    /** One look; empty when the row changed under it (deleted, taken over) and the look should be repeated at once. */
    private Optional<Outcome> attempt(byte[] hash, KeyScope scope, String fingerprint) {
        Instant now = now();
        UUID lock = UUID.randomUUID();
        UUID id = UUID.randomUUID();
        if (keys.insert(id, hash, scope, fingerprint, lock, now)) {
            return Optional.of(new Claimed(id, lock));
        }
        Optional<IdempotencyKeyRepository.Row> found = keys.find(hash);
        if (found.isEmpty()) {
            return Optional.empty();
        }
        IdempotencyKeyRepository.Row row = found.get();
        if (row.createdAt().isBefore(now.minus(ttl))) {
            return keys.restart(row.id(), row.createdAt(), fingerprint, lock, now)
                    ? Optional.of(new Claimed(row.id(), lock)) : Optional.empty();
        }
        if (row.lockToken() != null && !row.lockedAt().isBefore(now.minus(abandonedAfter))) {
            return Optional.of(new InUse());
        }
        if (!row.fingerprint().equals(fingerprint)) {
            return Optional.of(new Mismatch());
        }
        if (row.lockToken() != null) {
            return keys.takeOver(row.id(), row.lockToken(), lock, now)
                    ? Optional.of(new Claimed(row.id(), lock)) : Optional.empty();
        }
        return Optional.of(new Replay(row.responseStatus(), headers(row.responseHeaders()), row.responseBody()));
    }

    /** Stores the answer for replays; false if the key was meanwhile taken over as abandoned. */
    boolean complete(Claimed claim, int status, Map<String, String> headers, byte[] body) {
        return keys.complete(claim.id(), claim.lockToken(), status, Json.write(headers), body, now());
    }

    /** Forgets the key so that a retry runs anew (the answer was a server error or a conflict before the work). */
    void release(Claimed claim) {
        keys.release(claim.id(), claim.lockToken());
    }

    /** Deletes keys older than the TTL, in batches; @return how many */
    int deleteExpired(int batchSize) {
        Instant before = now().minus(ttl);
        int total = 0;
        int deleted;
        do {
            deleted = keys.deleteCreatedBefore(before, batchSize);
            total += deleted;
        } while (deleted == batchSize);
        return total;
    }

    private Instant now() {
        return clock.instant().truncatedTo(ChronoUnit.MICROS);
    }

    private static Map<String, String> headers(String json) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (json != null) {
            Json.readMap(json).forEach((name, value) -> headers.put(name, String.valueOf(value)));
        }
        return headers;
    }
}
