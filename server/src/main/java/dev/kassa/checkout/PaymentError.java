package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code PaymentError}: the processor declined the payment; the checkout stays open. */
@Schema(description = "The payment processor declined the payment; the checkout session stays open.")
public final class PaymentError extends ApiError {

    PaymentError(String stripeMessage) {
        super(HttpStatus.BAD_REQUEST, stripeMessage == null
                ? "The payment failed. Please try again with a different payment method."
                : "The payment failed: " + stripeMessage + " Please try again with a different payment method.");
    }
}
