package dev.kassa.platform.ratelimit;

import dev.kassa.platform.metrics.Metrics;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a request against its zone's fixed windows in PostgreSQL, so that every node on the database shares one
 * budget per identity. If the limiter's own statement fails (database down, pool exhausted, timeout), the request
 * passes: a rate limiter must never turn into an outage. That is logged at WARN (at most once a minute per node)
 * and counted in {@code kassa_rate_limit_failures_total}.
 */
final class RateLimiter {

    static final String LIMITED = "kassa.rate.limited";
    static final String FAILURES = "kassa.rate.limit.failures";
    /** How long a window's row outlives its end: room for nodes whose clocks differ by a little. */
    static final Duration GRACE = Duration.ofMinutes(1);
    private static final long WARN_EVERY_NANOS = Duration.ofMinutes(1).toNanos();
    private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);

    /**
     * The outcome for one request. {@code limit}, {@code remaining} and {@code resetSeconds} are of the window closest
     * to its limit (the {@code RateLimit-*} headers); {@code retryAfterSeconds} is set when refused.
     */
    record Verdict(Zone zone, boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {
    }

    private final RateLimitRepository repository;
    private final Clock clock;
    private final Metrics metrics;
    private final AtomicLong lastWarnNanos = new AtomicLong(System.nanoTime() - WARN_EVERY_NANOS);
    private final AtomicLong unreportedFailures = new AtomicLong();

    RateLimiter(RateLimitRepository repository, Clock clock, Metrics metrics, List<Zone> zones) {
        this.repository = repository;
        this.clock = clock;
        this.metrics = metrics;
        for (Zone zone : zones) {
            metrics.registry().counter(LIMITED, "zone", zone.name());
        }
        metrics.registry().counter(FAILURES);
    }

    /** Empty when the limiter could not count (the request passes, without headers). */
    Optional<Verdict> check(RequestIdentities.Identity identity) {
        Zone zone = identity.zone();
        Instant now = clock.instant();
        long epochSecond = now.getEpochSecond();
        List<RateLimitRepository.WindowKey> keys = new ArrayList<>();
        long[] ends = new long[zone.windows().size()];
        for (int i = 0; i < zone.windows().size(); i++) {
            long length = zone.windows().get(i).length().toSeconds();
            long start = Math.floorDiv(epochSecond, length) * length;
            ends[i] = start + length;
            keys.add(new RateLimitRepository.WindowKey(hash(zone.name() + "|" + length + "|" + identity.value()),
                    Instant.ofEpochSecond(start), Instant.ofEpochSecond(ends[i]).plus(GRACE)));
        }
        byte[] blockKey = zone.blocks() ? hash(zone.name() + "|block|" + identity.value()) : null;
        RateLimitRepository.Counted counted;
        try {
            counted = repository.hit(keys, blockKey, now);
        } catch (RuntimeException e) {
            failedOpen(e);
            return Optional.empty();
        }
        if (counted.blockedUntil() != null) {
            return Optional.of(refused(zone, zone.windows().getFirst().limit(), seconds(Duration.between(now, counted.blockedUntil()))));
        }
        int closest = 0;
        long retryAfter = 0;
        int exceededLimit = 0;
        for (int i = 0; i < ends.length; i++) {
            int limit = zone.windows().get(i).limit();
            int hits = counted.hits().get(i);
            if (hits > limit && ends[i] - epochSecond > retryAfter) {
                retryAfter = ends[i] - epochSecond;
                exceededLimit = limit;
            }
            if (limit - hits < zone.windows().get(closest).limit() - counted.hits().get(closest)) {
                closest = i;
            }
        }
        if (retryAfter > 0) {
            if (zone.blocks()) {
                block(zone, blockKey, now);
                retryAfter = zone.block().toSeconds();
            }
            return Optional.of(refused(zone, exceededLimit, retryAfter));
        }
        int limit = zone.windows().get(closest).limit();
        return Optional.of(new Verdict(zone, true, limit, Math.max(0, limit - counted.hits().get(closest)),
                ends[closest] - epochSecond, 0));
    }

    private Verdict refused(Zone zone, int limit, long retryAfter) {
        metrics.count(LIMITED, "zone", zone.name());
        return new Verdict(zone, false, limit, 0, retryAfter, retryAfter);
    }

    private void block(Zone zone, byte[] blockKey, Instant now) {
        try {
            repository.block(blockKey, now.plus(zone.block()), now);
            log.info("Rate limit zone {}: a caller exceeded {} and is blocked for {} s", zone.name(), zone.describe(),
                    zone.block().toSeconds());
        } catch (RuntimeException e) {
            failedOpen(e); // this request is refused all the same: it did exceed the windows
        }
    }

    private void failedOpen(RuntimeException e) {
        metrics.registry().counter(FAILURES).increment();
        long now = System.nanoTime();
        long last = lastWarnNanos.get();
        if (now - last >= WARN_EVERY_NANOS && lastWarnNanos.compareAndSet(last, now)) {
            long others = unreportedFailures.getAndSet(0);
            log.warn("The rate limiter could not count a request; it lets requests pass until it can ({} other failures "
                    + "since the last warning): {}", others, e.toString());
        } else {
            unreportedFailures.incrementAndGet();
        }
    }

    /** Whole seconds, rounded up, at least 1: a client that waits that long is past the block. */
    private static long seconds(Duration duration) {
        return Math.max(1, (duration.toMillis() + 999) / 1000);
    }

    private static byte[] hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
