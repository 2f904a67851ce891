package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code ExpiredCheckoutError}: the buyer's checkout has expired. */
@Schema(description = "The checkout session has expired.")
public final class ExpiredCheckoutError extends ApiError {

    ExpiredCheckoutError() {
        super(HttpStatus.GONE, "This checkout session has expired.");
    }
}
