package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code NotOpenCheckout}: the checkout is expired, confirmed, succeeded or failed. */
@Schema(description = "The checkout session is not open (expired, confirmed, succeeded or failed).")
public final class NotOpenCheckout extends ApiError {

    NotOpenCheckout(java.util.UUID id, CheckoutStatus status) {
        super(HttpStatus.FORBIDDEN, "Checkout " + id + " is not open: " + status.wireName());
    }
}
