package dev.kassa.paymentmethod;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code CustomerNotReady}: the customer has no processor customer yet, so there is nothing to confirm. */
@Schema(description = "The customer is not ready to confirm a payment method.")
public final class CustomerNotReady extends ApiError {

    CustomerNotReady() {
        super(HttpStatus.FORBIDDEN, "The customer is not ready to confirm a payment method: add one first.");
    }
}
