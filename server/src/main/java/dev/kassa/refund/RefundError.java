package dev.kassa.refund;

import dev.kassa.platform.web.ApiError;
import org.springframework.http.HttpStatus;

/**
 * Stripe refused the refund for another reason than Polar names (Polar answers a 500 there): nothing was refunded and
 * no refund was recorded. Kassa's own status, 400, with Stripe's message.
 */
public class RefundError extends ApiError {
    public RefundError(String detail) {
        super(HttpStatus.BAD_REQUEST, detail);
    }
}
