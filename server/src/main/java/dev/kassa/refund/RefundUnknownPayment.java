package dev.kassa.refund;

import dev.kassa.platform.web.ApiError;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Polar's: the order has no succeeded payment to refund (it is not paid, or was paid without Stripe). */
public class RefundUnknownPayment extends ApiError {
    public RefundUnknownPayment(UUID orderId) {
        super(HttpStatus.NOT_FOUND, "Refund issued for unknown order: " + orderId);
    }
}
