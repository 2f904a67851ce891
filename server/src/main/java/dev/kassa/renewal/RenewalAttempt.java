package dev.kassa.renewal;

import dev.kassa.payment.OffSessionCharge;
import java.time.Instant;
import java.util.UUID;

/**
 * One off-session charge of a renewal, recorded with its idempotency key and the exact {@code request} before the
 * call; {@code nextCheckAt} is when the look-up job looks at it (set while its outcome is not known).
 */
record RenewalAttempt(UUID id, UUID renewalId, int number, String idempotencyKey, OffSessionCharge request, Status status,
        String intentId, String intentStatus, String declineCode, String lastError, int checks, Instant nextCheckAt,
        Instant flaggedAt, Instant createdAt, Instant updatedAt) {

    enum Status {
        /** Recorded; what Stripe did is not known yet. */
        PENDING,
        /** Stripe has the intent, still processing. */
        CREATED,
        SUCCEEDED,
        /** The intent failed: nothing charged. */
        FAILED,
        /** Stripe refused the charge (a card decline): nothing charged. */
        DECLINED;

        boolean resolved() {
            return this != PENDING && this != CREATED;
        }

        String wireName() {
            return name().toLowerCase();
        }

        static Status of(String wireName) {
            return valueOf(wireName.toUpperCase());
        }
    }
}
