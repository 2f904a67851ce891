package dev.kassa.discount;

import dev.kassa.product.ProductSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Polar's {@code Discount} union: one record per member, so each response carries exactly its member's fields
 * (plus the newer {@code amounts} and {@code max_redemptions_per_customer}, which older SDKs ignore).
 */
sealed interface DiscountView {

    record FixedOnceForever(String duration, String type, long amount, String currency, Map<String, Long> amounts,
            Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata, String name, String code,
            Instant startsAt, Instant endsAt, Integer maxRedemptions, Integer maxRedemptionsPerCustomer,
            int redemptionsCount, UUID organizationId, List<ProductSummary> products) implements DiscountView {
    }

    record FixedRepeat(String duration, int durationInMonths, String type, long amount, String currency,
            Map<String, Long> amounts, Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata,
            String name, String code, Instant startsAt, Instant endsAt, Integer maxRedemptions,
            Integer maxRedemptionsPerCustomer, int redemptionsCount, UUID organizationId, List<ProductSummary> products)
            implements DiscountView {
    }

    record PercentageOnceForever(String duration, String type, int basisPoints, Instant createdAt, Instant modifiedAt,
            UUID id, Map<String, Object> metadata, String name, String code, Instant startsAt, Instant endsAt,
            Integer maxRedemptions, Integer maxRedemptionsPerCustomer, int redemptionsCount, UUID organizationId,
            List<ProductSummary> products) implements DiscountView {
    }

    record PercentageRepeat(String duration, int durationInMonths, String type, int basisPoints, Instant createdAt,
            Instant modifiedAt, UUID id, Map<String, Object> metadata, String name, String code, Instant startsAt,
            Instant endsAt, Integer maxRedemptions, Integer maxRedemptionsPerCustomer, int redemptionsCount,
            UUID organizationId, List<ProductSummary> products) implements DiscountView {
    }

    /** {@code products} must hold the summaries of the discount's products; missing ones are left out. */
    static DiscountView of(Discount discount, Map<UUID, ProductSummary> products) {
        List<ProductSummary> summaries = discount.productIds().stream().filter(products::containsKey).map(products::get).toList();
        String duration = discount.duration().wireName();
        String type = discount.type().wireName();
        boolean repeat = discount.duration() == Discount.Duration.REPEATING;
        return switch (discount) {
            case Discount.Fixed f when repeat -> new FixedRepeat(duration, f.durationInMonths(), type, f.amount(),
                    f.currency(), f.amounts(), f.createdAt(), f.modifiedAt(), f.id(), f.metadata(), f.name(), f.code(),
                    f.startsAt(), f.endsAt(), f.maxRedemptions(), f.maxRedemptionsPerCustomer(), f.redemptionsCount(),
                    f.organizationId(), summaries);
            case Discount.Fixed f -> new FixedOnceForever(duration, type, f.amount(), f.currency(), f.amounts(),
                    f.createdAt(), f.modifiedAt(), f.id(), f.metadata(), f.name(), f.code(), f.startsAt(), f.endsAt(),
                    f.maxRedemptions(), f.maxRedemptionsPerCustomer(), f.redemptionsCount(), f.organizationId(), summaries);
            case Discount.Percentage p when repeat -> new PercentageRepeat(duration, p.durationInMonths(), type,
                    p.basisPoints(), p.createdAt(), p.modifiedAt(), p.id(), p.metadata(), p.name(), p.code(), p.startsAt(),
                    p.endsAt(), p.maxRedemptions(), p.maxRedemptionsPerCustomer(), p.redemptionsCount(),
                    p.organizationId(), summaries);
            case Discount.Percentage p -> new PercentageOnceForever(duration, type, p.basisPoints(), p.createdAt(),
                    p.modifiedAt(), p.id(), p.metadata(), p.name(), p.code(), p.startsAt(), p.endsAt(), p.maxRedemptions(),
                    p.maxRedemptionsPerCustomer(), p.redemptionsCount(), p.organizationId(), summaries);
        };
    }
}
