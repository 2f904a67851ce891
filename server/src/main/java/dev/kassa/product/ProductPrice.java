package dev.kassa.product;

import java.time.Instant;
import java.util.UUID;

/**
 * A price of a product. Polar's legacy "free" type is a {@link Fixed} price of 0, so that responses parse
 * with both the 0.32 SDK (which knows free) and current ones (which dropped it).
 */
public sealed interface ProductPrice {

    UUID id();

    UUID productId();

    String currency();

    TaxBehavior taxBehavior();

    boolean archived();

    Instant createdAt();

    Instant modifiedAt();

    record Fixed(UUID id, UUID productId, String currency, long amount, TaxBehavior taxBehavior, boolean archived,
            Instant createdAt, Instant modifiedAt) implements ProductPrice {
    }

    /** Pay what you want: the buyer chooses an amount in [minimum, maximum], the preset shown first. */
    record Custom(UUID id, UUID productId, String currency, long minimumAmount, Long maximumAmount, Long presetAmount,
            TaxBehavior taxBehavior, boolean archived, Instant createdAt, Instant modifiedAt) implements ProductPrice {
    }

    enum TaxBehavior {
        LOCATION, INCLUSIVE, EXCLUSIVE;

        public String wireName() {
            return name().toLowerCase();
        }

        public static TaxBehavior fromWireName(String name) {
            return name == null ? null : valueOf(name.toUpperCase());
        }
    }
}
