package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Kassa only: Stripe could not be reached before anything was charged. */
@Schema(description = "Kassa only: Stripe could not be reached; nothing was charged.")
public final class PaymentProcessorUnavailable extends ApiError {

    public PaymentProcessorUnavailable() {
        this("The payment processor could not be reached. Nothing was charged; please try again.");
    }

    public PaymentProcessorUnavailable(String detail) {
        super(HttpStatus.BAD_GATEWAY, detail);
    }
}
