package dev.kassa.order;

import dev.kassa.platform.web.ApiError;
import java.util.UUID;
import org.springframework.http.HttpStatus;

/** Polar's 409 for an order whose status has no invoice (a draft or a void order in Polar). */
public final class OrderNotEligibleForInvoice extends ApiError {
    public OrderNotEligibleForInvoice(UUID orderId, String status) {
        super(HttpStatus.CONFLICT, "Order " + orderId + " is not eligible for invoice generation (current status: "
                + status + ").");
    }
}
