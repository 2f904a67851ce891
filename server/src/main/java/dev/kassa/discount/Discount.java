package dev.kassa.discount;

import dev.kassa.money.DiscountAmounts;
import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A discount as the rest of Kassa (checkouts) sees it: what it takes off, for how long, on which products and
 * when it can be redeemed. Amounts are minor units.
 */
public sealed interface Discount permits Discount.Fixed, Discount.Percentage {

    enum Type {
        FIXED, PERCENTAGE;

        public String wireName() {
            return name().toLowerCase();
        }

        static Type fromWireName(String name) {
            return valueOf(name.toUpperCase());
        }
    }

    enum Duration {
        ONCE, FOREVER, REPEATING;

        public String wireName() {
            return name().toLowerCase();
        }

        static Duration fromWireName(String name) {
            return valueOf(name.toUpperCase());
        }
    }

    UUID id();

    UUID organizationId();

    String name();

    String code();

    Type type();

    Duration duration();

    /** Months a repeating discount covers; null for once and forever. */
    Integer durationInMonths();

    Instant startsAt();

    Instant endsAt();

    Integer maxRedemptions();

    Integer maxRedemptionsPerCustomer();

    int redemptionsCount();

    /** The products it is restricted to, in the merchant's order; empty means every product. */
    List<UUID> productIds();

    Map<String, Object> metadata();

    Instant createdAt();

    Instant modifiedAt();

    /**
     * What the discount takes off {@code subtotal} in {@code currency}: never more than the subtotal.
     *
     * @throws IllegalArgumentException for a fixed discount without an amount in that currency (check
     *                                  {@link #appliesTo} first), or a negative subtotal
     */
    long amountFor(long subtotal, String currency);

    /** Polar's {@code is_applicable}: the product restriction and, for a fixed discount, the currency. */
    default boolean appliesTo(UUID productId, String currency) {
        return productIds().isEmpty() || productIds().contains(productId);
    }

    /** Within its dates at {@code now} and below its redemption cap (with the count as read). */
    default boolean isRedeemableAt(Instant now) {
        if (startsAt() != null && startsAt().isAfter(now)) {
            return false;
        }
        if (endsAt() != null && endsAt().isBefore(now)) {
            return false;
        }
        return maxRedemptions() == null || redemptionsCount() < maxRedemptions();
    }

    /** A fixed amount per currency; {@code currency} is the entry shown as Polar's legacy amount/currency pair. */
    record Fixed(UUID id, UUID organizationId, String name, String code, Duration duration, Integer durationInMonths,
            Map<String, Long> amounts, String currency, Instant startsAt, Instant endsAt, Integer maxRedemptions,
            Integer maxRedemptionsPerCustomer, int redemptionsCount, List<UUID> productIds, Map<String, Object> metadata,
            Instant createdAt, Instant modifiedAt) implements Discount {

        public Fixed {
            amounts = Collections.unmodifiableMap(new LinkedHashMap<>(amounts));
            productIds = List.copyOf(productIds);
            metadata = metadata == null ? Map.of() : metadata;
        }

        @Override
        public Type type() {
            return Type.FIXED;
        }

        /** The amount of the primary currency. */
        public long amount() {
            return amounts.get(currency);
        }

        @Override
        public long amountFor(long subtotal, String currency) {
            Long amount = currency == null ? null : amounts.get(currency.toLowerCase());
            if (amount == null) {
                throw new IllegalArgumentException("discount " + id + " has no amount in " + currency);
            }
            return DiscountAmounts.fixed(amount, subtotal);
        }

        @Override
        public boolean appliesTo(UUID productId, String currency) {
            return currency != null && amounts.containsKey(currency.toLowerCase())
                    && Discount.super.appliesTo(productId, currency);
        }
    }

    /** A share of the amount in basis points (10000 = 100 %), in any currency. */
    record Percentage(UUID id, UUID organizationId, String name, String code, Duration duration, Integer durationInMonths,
            int basisPoints, Instant startsAt, Instant endsAt, Integer maxRedemptions, Integer maxRedemptionsPerCustomer,
            int redemptionsCount, List<UUID> productIds, Map<String, Object> metadata, Instant createdAt,
            Instant modifiedAt) implements Discount {

        public Percentage {
            productIds = List.copyOf(productIds);
            metadata = metadata == null ? Map.of() : metadata;
        }

        @Override
        public Type type() {
            return Type.PERCENTAGE;
        }

        @Override
        public long amountFor(long subtotal, String currency) {
            return DiscountAmounts.percentage(subtotal, basisPoints);
        }
    }
}
