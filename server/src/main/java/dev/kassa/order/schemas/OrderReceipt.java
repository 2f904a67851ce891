package dev.kassa.order.schemas;

import io.swagger.v3.oas.annotations.media.Schema;

/** Polar's {@code OrderReceipt}: where the order's receipt PDF can be downloaded. */
@Schema(description = "Order's receipt data.")
public record OrderReceipt(
        @Schema(description = "The URL to the receipt PDF: a signed Kassa link, valid for 10 minutes.") String url) {
}
