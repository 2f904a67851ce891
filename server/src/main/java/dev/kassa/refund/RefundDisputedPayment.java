package dev.kassa.refund;

import dev.kassa.platform.web.ApiError;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Polar's: Stripe refuses to refund a disputed charge ({@code charge_disputed}). */
public class RefundDisputedPayment extends ApiError {
    public RefundDisputedPayment(UUID orderId) {
        super(HttpStatus.FORBIDDEN, "Refund cannot be issued for order with disputed payment: " + orderId);
    }
}
