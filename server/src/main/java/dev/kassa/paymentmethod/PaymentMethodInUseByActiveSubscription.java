package dev.kassa.paymentmethod;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code PaymentMethodInUseByActiveSubscription}: the only card left to bill a live subscription. */
@Schema(description = "The payment method is still needed to bill a subscription.")
public final class PaymentMethodInUseByActiveSubscription extends ApiError {

    PaymentMethodInUseByActiveSubscription() {
        super(HttpStatus.BAD_REQUEST, "This payment method is used by an active subscription. "
                + "Add another payment method first, or cancel the subscription.");
    }
}
