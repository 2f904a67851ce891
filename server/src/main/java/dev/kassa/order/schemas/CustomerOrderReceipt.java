package dev.kassa.order.schemas;

import io.swagger.v3.oas.annotations.media.Schema;

/** Polar's {@code CustomerOrderReceipt}: where the order's receipt PDF can be downloaded. */
@Schema(description = "Order's receipt data.")
public record CustomerOrderReceipt(
        @Schema(description = "The URL to the receipt PDF: a signed Kassa link, valid for 10 minutes.") String url) {
}
