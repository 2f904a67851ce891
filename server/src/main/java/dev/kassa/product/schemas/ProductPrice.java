package dev.kassa.product.schemas;

/**
 * Polar's {@code ProductPrice} union. A free price is a fixed price of 0: Polar's SDK 0.49 and the 2026-10 API no
 * longer know {@code amount_type: "free"}, while 0.32 accepts a fixed 0 as well.
 */
public sealed interface ProductPrice permits ProductPriceFixed, ProductPriceCustom {
}
