package dev.kassa.platform.idempotency;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Deletes {@code Idempotency-Key}s past their TTL ({@code kassa.idempotency.ttl}, 24 h as Stripe's minimum). Runs on
 * every node: each batch skips the rows another node is deleting ({@code FOR UPDATE SKIP LOCKED}).
 */
@Component
@ConditionalOnProperty(name = "kassa.mode", havingValue = "serve", matchIfMissing = true)
class IdempotencyCleanupJob {

    private static final Logger log = LoggerFactory.getLogger(IdempotencyCleanupJob.class);
    static final int BATCH_SIZE = 1000;

    private final IdempotencyKeys keys;

    IdempotencyCleanupJob(IdempotencyKeys keys) {
        this.keys = keys;
    }

    @Scheduled(fixedDelayString = "${kassa.idempotency.cleanup-interval:PT10M}", initialDelayString = "PT1M")
    void run() {
        try {
            int deleted = keys.deleteExpired(BATCH_SIZE);
            if (deleted > 0) {
                log.info("Deleted {} expired idempotency keys", deleted);
            }
        } catch (RuntimeException e) {
            log.warn("Idempotency key cleanup failed; it is retried at the next run", e);
        }
    }
}
