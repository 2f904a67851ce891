package dev.kassa.platform.ratelimit;

import java.time.Instant;

/** The limiter's windows are aligned on the minute: a test that needs N requests in one window starts early in one. */
final class Windows {

    private Windows() {
    }

    /** Waits, if needed, until at least {@code seconds} are left in the current minute. */
    static void awaitSecondsLeftInMinute(int seconds) throws InterruptedException {
        long millisIntoMinute = Instant.now().toEpochMilli() % 60_000;
        if (60_000 - millisIntoMinute < seconds * 1000L) {
            Thread.sleep(60_000 - millisIntoMinute + 50);
        }
    }
}
