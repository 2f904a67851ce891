package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Kassa only: the checkout's external customer id belongs to a customer with another email. */
@Schema(description = "Kassa only: a customer with the checkout's external ID exists with another email.")
public final class CheckoutCustomerExternalIdMismatch extends ApiError {

    CheckoutCustomerExternalIdMismatch() {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "A customer with this external ID already exists but with a different email address.");
    }
}
