package dev.kassa.refund;

import dev.kassa.platform.web.ApiError;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Polar's: the order is fully refunded already (also Stripe's {@code charge_already_refunded}). */
public class RefundedAlready extends ApiError {
    public RefundedAlready(UUID orderId) {
        super(HttpStatus.FORBIDDEN, "Order is already fully refunded: " + orderId);
    }
}
