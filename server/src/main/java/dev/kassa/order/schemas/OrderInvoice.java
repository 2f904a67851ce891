package dev.kassa.order.schemas;

import io.swagger.v3.oas.annotations.media.Schema;

/** Polar's {@code OrderInvoice}: where the order's invoice PDF can be downloaded. */
@Schema(description = "Order's invoice data.")
public record OrderInvoice(
        @Schema(description = "The URL to the invoice: a signed Kassa link, valid for 10 minutes.") String url) {
}
