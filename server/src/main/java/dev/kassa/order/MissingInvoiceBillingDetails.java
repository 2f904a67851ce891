package dev.kassa.order;

import dev.kassa.platform.web.ApiError;
import org.springframework.http.HttpStatus;

/** Polar's 422 for an order without a billing name or billing address: an invoice needs both. */
public final class MissingInvoiceBillingDetails extends ApiError {
    public MissingInvoiceBillingDetails() {
        super(HttpStatus.UNPROCESSABLE_CONTENT, "Billing name and address are required to generate an invoice for this order.");
    }
}
