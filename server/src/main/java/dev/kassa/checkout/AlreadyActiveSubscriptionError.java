package dev.kassa.checkout;

import dev.kassa.platform.web.ApiError;
import io.swagger.v3.oas.annotations.media.Schema;
import org.springframework.http.HttpStatus;

/** Polar's {@code AlreadyActiveSubscriptionError}: the buyer already has a billable subscription with the organization. */
@Schema(description = "The customer already has an active, trialing or past-due subscription with the organization.")
public final class AlreadyActiveSubscriptionError extends ApiError {

    AlreadyActiveSubscriptionError() {
        super(HttpStatus.FORBIDDEN, "You already have an active subscription.");
    }
}
