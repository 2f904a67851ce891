package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Kassa only: too many confirms are in flight on this node; nothing was charged. */
@Schema(description = "Kassa only: too many payments are being processed right now; nothing was charged.")
public final class ServiceUnavailable extends ApiError {

    ServiceUnavailable() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "Too many payments are being processed right now. Nothing was charged; please try again.");
    }
}
