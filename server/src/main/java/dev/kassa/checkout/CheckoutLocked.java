package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code CheckoutLocked}: another request holds the checkout (an update, a confirm, an unresolved payment). */
@Schema(description = "Another request is updating the checkout session, or its payment is still being processed; try again.")
public final class CheckoutLocked extends ApiError {

    CheckoutLocked() {
        super(HttpStatus.CONFLICT, "Checkout is currently being processed. Please try again.");
    }
}
