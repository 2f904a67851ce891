package dev.kassa.platform.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Which answers a key remembers: the work's, not failures before it began nor the server's own. */
class KeptAnswersTest {

    private static boolean kept(int status, String body) {
        return IdempotencyFilter.worthKeeping(status, body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void successesAndTheWorksErrorsAreKept() {
        assertThat(kept(201, "{\"id\":\"x\"}")).isTrue();
        assertThat(kept(204, "")).isTrue();
        assertThat(kept(400, "{\"error\":\"PaymentError\",\"detail\":\"declined\"}")).isTrue();
        assertThat(kept(404, "{\"error\":\"ResourceNotFound\",\"detail\":\"Not found\"}")).isTrue();
        assertThat(kept(422, "{\"error\":\"PolarRequestValidationError\",\"detail\":[]}")).isTrue();
        assertThat(kept(403, "{\"error\":\"AlreadyCanceledSubscription\",\"detail\":\"x\"}")).isTrue();
    }

    @Test
    void serverErrorsLockConflictsRateLimitsAndShapeErrorsAreNot() {
        assertThat(kept(500, "{\"error\":\"InternalServerError\",\"detail\":\"x\"}")).isFalse();
        assertThat(kept(503, "{\"error\":\"ServiceUnavailable\",\"detail\":\"x\"}")).isFalse();
        assertThat(kept(409, "{\"error\":\"CheckoutLocked\",\"detail\":\"x\"}")).isFalse();
        assertThat(kept(409, "{\"error\":\"ResourceLocked\",\"detail\":\"x\"}")).isFalse();
        assertThat(kept(429, "{\"error\":\"TooManyRequests\",\"detail\":\"x\"}")).isFalse();
        assertThat(kept(422, "{\"error\":\"RequestValidationError\",\"detail\":[]}")).isFalse();
        assertThat(kept(413, "{\"error\":\"PayloadTooLarge\",\"detail\":\"x\"}")).isFalse();
        assertThat(kept(400, "")).isFalse();
    }
}
