package dev.kassa.platform.idempotency;

import dev.kassa.platform.web.ApiError;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * 409: the first request with this {@code Idempotency-Key} is still running (Stripe's {@code idempotency_key_in_use};
 * Polar has no such error, so the name is Stripe's code in Polar's style).
 */
final class IdempotencyKeyInUse extends ApiError {

    IdempotencyKeyInUse() {
        super(HttpStatus.CONFLICT, "IdempotencyKeyInUse",
                "There is currently another in-progress request using this Idempotency-Key. Try again later.",
                Map.of(HttpHeaders.RETRY_AFTER, "1"));
    }
}
