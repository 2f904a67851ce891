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
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Counts a request against its zone's fixed windows in PostgreSQL, so that every node on the database shares one
 * budget per identity. If the limiter's own statement fails (database down, pool exhausted, timeout), the request
 * passes: a rate limiter must never turn into an outage. That is logged at WARN (at most once a minute per node)
 * and counted in {@code kassa_rate_limit_failures_total}.
 *
 * <p><b>Leases.</b> A zone with one window, no block and a limit of 100 or more (the {@code token},
 * {@code client-secret} and {@code ip} zones by default) is not counted one request at a time: a node takes a lease
 * of {@link #leaseSize} requests from the shared counter in one statement and hands them out from memory, so most
 * requests cost no database round trip. The budget stays shared and is never exceeded (a lease is only granted
 * within the limit); what changes is that a node's unused lease is spent for the others, so an identity spreading
 * its requests over N nodes may be refused up to N × lease requests early, and {@code RateLimit-Remaining} is this
 * node's view. A node that saw a window used up refuses without asking again until the window ends. Small limits
 * (the confirm zone's 6 per minute) are counted exactly.
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
    /** This node's leases by window (hex of the window key, and the window's start second). */
    private final ConcurrentHashMap<LeaseKey, Lease> leases = new ConcurrentHashMap<>();
    private final AtomicLong nextLeaseSweep = new AtomicLong();

    /** Leases are kept for this many windows at most; past that, requests are counted one by one. */
    static final int MAX_LEASES = 100_000;

    private record LeaseKey(String key, long windowStart) {
    }

    /** Requests this node may still let through in one window, and the shared count when it last asked. */
    private static final class Lease {
        final long windowEnd;
        final java.util.concurrent.locks.ReentrantLock claiming = new java.util.concurrent.locks.ReentrantLock();
        int left;
        int sharedHits;
        boolean usedUp;

        Lease(long windowEnd) {
            this.windowEnd = windowEnd;
        }
    }

    RateLimiter(RateLimitRepository repository, Clock clock, Metrics metrics, List<Zone> zones) {
        this.repository = repository;
        this.clock = clock;
        this.metrics = metrics;
        for (Zone zone : zones) {
            metrics.registry().counter(LIMITED, "zone", zone.name());
        }
        metrics.registry().counter(FAILURES);
    }

    /**
     * How many requests a node takes from a window's shared counter at once: 1 (exact counting) for blocking or
     * multi-window zones and limits under 100, else a fiftieth of the limit, at most 50.
     */
    static int leaseSize(Zone zone) {
        if (zone.blocks() || zone.windows().size() != 1 || zone.windows().getFirst().limit() < 100) {
            return 1;
        }
        return Math.min(50, zone.windows().getFirst().limit() / 50);
    }

    /** Empty when the limiter could not count (the request passes, without headers). */
    Optional<Verdict> check(RequestIdentities.Identity identity) {
        Zone zone = identity.zone();
        Instant now = clock.instant();
        int lease = leaseSize(zone);
        if (lease > 1 && leases.size() < MAX_LEASES) {
            return leased(identity, now, lease);
        }
        return counted(identity, now);
    }

    private Optional<Verdict> leased(RequestIdentities.Identity identity, Instant now, int size) {
        Zone zone = identity.zone();
        Zone.Window window = zone.windows().getFirst();
        int limit = window.limit();
        long epochSecond = now.getEpochSecond();
        long length = window.length().toSeconds();
        long start = Math.floorDiv(epochSecond, length) * length;
        long end = start + length;
        byte[] key = hash(zone.name() + "|" + length + "|" + identity.value());
        sweepEndedLeases(epochSecond);
        Lease lease = leases.computeIfAbsent(new LeaseKey(HexFormat.of().formatHex(key), start), k -> new Lease(end));
        Optional<Verdict> fromLease = fromLease(lease, zone, epochSecond);
        if (fromLease.isPresent()) {
            return fromLease;
        }
        // One claim at a time per window on this node, so that a node holds at most one lease's worth unused.
        lease.claiming.lock();
        try {
            fromLease = fromLease(lease, zone, epochSecond);
            if (fromLease.isPresent()) {
                return fromLease;
            }
            RateLimitRepository.Counted counted;
            try {
                counted = repository.hit(List.of(new RateLimitRepository.WindowKey(key, Instant.ofEpochSecond(start),
                        Instant.ofEpochSecond(end).plus(GRACE))), null, now, size);
            } catch (RuntimeException e) {
                failedOpen(e);
                return Optional.empty();
            }
            int shared = counted.hits().getFirst();
            // The lease is the hits this statement added, minus those beyond the limit.
            int granted = Math.max(0, Math.min(size, limit - (shared - size)));
            synchronized (lease) {
                lease.sharedHits = Math.max(lease.sharedHits, shared);
                lease.usedUp = shared >= limit;
                if (granted == 0) {
                    return Optional.of(refused(zone, limit, end - epochSecond));
                }
                lease.left += granted - 1;
                return Optional.of(new Verdict(zone, true, limit, remaining(limit, lease), end - epochSecond, 0));
            }
        } finally {
            lease.claiming.unlock();
        }
    }

    /** A request let through from the node's lease, or refused because the window is used up; empty: ask the database. */
    private Optional<Verdict> fromLease(Lease lease, Zone zone, long epochSecond) {
        int limit = zone.windows().getFirst().limit();
        synchronized (lease) {
            if (lease.left > 0) {
                lease.left--;
                return Optional.of(new Verdict(zone, true, limit, remaining(limit, lease), lease.windowEnd - epochSecond, 0));
            }
            if (lease.usedUp) {
                return Optional.of(refused(zone, limit, lease.windowEnd - epochSecond));
            }
            return Optional.empty();
        }
    }

    /** The window's requests not yet counted by any node as this node knows it, plus what this node still holds. */
    private static int remaining(int limit, Lease lease) {
        return Math.max(0, Math.min(limit, limit - lease.sharedHits + lease.left));
    }

    private void sweepEndedLeases(long epochSecond) {
        long due = nextLeaseSweep.get();
        if (epochSecond >= due && nextLeaseSweep.compareAndSet(due, epochSecond + 10)) {
            leases.values().removeIf(lease -> lease.windowEnd <= epochSecond);
        }
    }

    private Optional<Verdict> counted(RequestIdentities.Identity identity, Instant now) {
        Zone zone = identity.zone();
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

    static byte[] hash(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return Arrays.copyOf(digest, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
