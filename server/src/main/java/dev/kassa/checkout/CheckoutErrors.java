package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Checkout failures, named as Polar names them (the name is the wire {@code error}). */
final class CheckoutErrors {

    private CheckoutErrors() {
    }

    static ApiError locked() {
        return new ApiError(HttpStatus.CONFLICT, "CheckoutLocked", "Checkout is currently being processed. Please try again.");
    }

    static ApiError expired() {
        return new ApiError(HttpStatus.GONE, "ExpiredCheckoutError", "This checkout session has expired.");
    }

    static ApiError notOpen(UUID id, CheckoutStatus status) {
        return new ApiError(HttpStatus.FORBIDDEN, "NotOpenCheckout", "Checkout " + id + " is not open: " + status.wireName());
    }
}
