package dev.kassa.platform.ratelimit;

import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes rate limit windows and blocks that have ended. Runs on every node: each batch skips the rows another node
 * is deleting ({@code FOR UPDATE SKIP LOCKED}), and a window is past its end (plus {@link RateLimiter#GRACE}) before
 * it goes, so no node still counts in it.
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class RateLimitCleanupJob {

    private static final Logger log = LoggerFactory.getLogger(RateLimitCleanupJob.class);
    static final int BATCH_SIZE = 5000;
    /** Batches per run: a backlog beyond this waits for the next run rather than holding the job. */
    private static final int MAX_BATCHES = 20;

    private final RateLimitSettings settings;
    private final RateLimitConfiguration.RateLimitPool pool;
    private final Clock clock;

    RateLimitCleanupJob(RateLimitSettings settings, RateLimitConfiguration.RateLimitPool pool, Clock clock) {
        this.settings = settings;
        this.pool = pool;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${kassa.rate-limit.cleanup-interval:PT1M}", initialDelayString = "PT1M")
    void run() {
        if (!settings.enabled()) {
            return;
        }
        try {
            int deleted = runOnce(clock.instant());
            if (deleted > 0) {
                log.debug("Deleted {} ended rate limit windows and blocks", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Rate limit cleanup failed; it is retried at the next run: {}", e.toString());
        }
    }

    int runOnce(Instant now) {
        int total = 0;
        for (int batch = 0; batch < MAX_BATCHES; batch++) {
            int deleted = pool.repository().deleteExpiredWindows(now, BATCH_SIZE);
            total += deleted;
            if (deleted < BATCH_SIZE) {
                break;
            }
        }
        return total + pool.repository().deleteEndedBlocks(now, BATCH_SIZE);
    }
}
