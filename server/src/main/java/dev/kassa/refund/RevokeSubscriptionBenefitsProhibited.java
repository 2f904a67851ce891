package dev.kassa.refund;

import dev.kassa.platform.web.ApiError;
import org.springframework.http.HttpStatus;

/** Polar's: {@code revoke_benefits} is only for one-time purchases. */
public class RevokeSubscriptionBenefitsProhibited extends ApiError {
    public RevokeSubscriptionBenefitsProhibited() {
        super(HttpStatus.BAD_REQUEST, "Subscription benefits can only be revoked upon cancellation");
    }
}
