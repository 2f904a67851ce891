package dev.kassa.webhook;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * When a failed event is tried again. After the n-th failed attempt Kassa waits 2 s × 2^(n-1) (2 s, 4 s, 8 s,
 * ... 2048 s), at most one hour, each delay scaled by a random factor between 0.8 and 1.2 (jitter, so that
 * endpoints coming back are not hit by every node at once). {@link #MAX_ATTEMPTS} attempts span about 25 hours:
 * the first 12 within 70 minutes, then one an hour. Polar tries 10 times over about an hour; Kassa keeps going
 * for a day so that a receiver down overnight loses nothing.
 */
final class RetrySchedule {

    static final int MAX_ATTEMPTS = 36;
    static final Duration BASE = Duration.ofSeconds(2);
    static final Duration CAP = Duration.ofHours(1);

    private RetrySchedule() {
    }

    /** The wait after the {@code failedAttempts}-th failed attempt (1-based), before jitter. */
    static Duration nominalDelay(int failedAttempts) {
        int exponent = Math.min(failedAttempts - 1, 30);
        long millis = BASE.toMillis() << exponent;
        return millis >= CAP.toMillis() || millis <= 0 ? CAP : Duration.ofMillis(millis);
    }

    static Duration delay(int failedAttempts, RandomGenerator random) {
        double factor = 0.8 + 0.4 * random.nextDouble();
        return Duration.ofMillis(Math.round(nominalDelay(failedAttempts).toMillis() * factor));
    }
}
