package dev.kassa.paymentmethod;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code PaymentMethodSetupFailed}: the card was declined while being set up; nothing was saved. */
@Schema(description = "The card was declined while setting up the payment method.")
public final class PaymentMethodSetupFailed extends ApiError {

    PaymentMethodSetupFailed(String processorMessage) {
        super(HttpStatus.BAD_REQUEST, processorMessage == null ? "The payment method could not be set up."
                : "The payment method could not be set up: " + processorMessage);
    }
}
