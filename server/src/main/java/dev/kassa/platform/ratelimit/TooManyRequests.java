package dev.kassa.platform.ratelimit;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/**
 * A request over its rate limit (README "Rate limits"): 429 with {@code Retry-After} in whole seconds, the form SDK
 * 1.0.1's {@code PolarRateLimitError} reads. Named as the status, the way Kassa names errors Polar has no class for.
 */
@Schema(description = "Too many requests for this caller; retry after the number of seconds in the `Retry-After` header.")
public final class TooManyRequests extends ApiError {

    TooManyRequests(Zone zone, long retryAfterSeconds) {
        super(HttpStatus.TOO_MANY_REQUESTS, null, "Rate limit exceeded: " + zone.describe() + ". Retry after "
                + retryAfterSeconds + (retryAfterSeconds == 1 ? " second." : " seconds."),
                Map.of(HttpHeaders.RETRY_AFTER, Long.toString(retryAfterSeconds)));
    }
}
