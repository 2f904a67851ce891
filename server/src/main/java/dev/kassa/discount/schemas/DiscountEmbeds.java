package dev.kassa.discount.schemas;

import dev.kassa.discount.Discount;

/** Builds the discount as other objects embed it. */
public final class DiscountEmbeds {

    private DiscountEmbeds() {
    }

    /** Polar's {@code Discount*Base}, for orders and subscriptions. */
    public static DiscountEmbed base(Discount discount) {
        DiscountBaseFields fields = new DiscountBaseFields(discount.createdAt(), discount.modifiedAt(), discount.id(),
                discount.metadata(), discount.name(), discount.code(), discount.startsAt(), discount.endsAt(),
                discount.maxRedemptions(), discount.maxRedemptionsPerCustomer(), discount.redemptionsCount(),
                discount.organizationId());
        String duration = discount.duration().wireName();
        String type = discount.type().wireName();
        boolean repeat = discount.durationInMonths() != null;
        return switch (discount) {
            case Discount.Fixed f when repeat -> new DiscountEmbed.FixedRepeat(duration, f.durationInMonths(), type,
                    f.amount(), f.currency(), f.amounts(), fields);
            case Discount.Fixed f -> new DiscountEmbed.FixedOnceForever(duration, type, f.amount(), f.currency(),
                    f.amounts(), fields);
            case Discount.Percentage p when repeat -> new DiscountEmbed.PercentageRepeat(duration, p.durationInMonths(),
                    type, p.basisPoints(), fields);
            case Discount.Percentage p -> new DiscountEmbed.PercentageOnceForever(duration, type, p.basisPoints(), fields);
        };
    }

    /**
     * Polar's {@code CheckoutDiscount*}; a fixed discount shows its amount in the checkout's currency when it has
     * one, else in its own.
     */
    public static CheckoutDiscount checkout(Discount discount, String currency) {
        String duration = discount.duration().wireName();
        String type = discount.type().wireName();
        boolean repeat = discount.durationInMonths() != null;
        return switch (discount) {
            case Discount.Fixed f -> {
                String shown = f.amounts().containsKey(currency) ? currency : f.currency();
                long amount = f.amounts().get(shown);
                yield repeat
                        ? new CheckoutDiscount.FixedRepeat(duration, f.durationInMonths(), type, amount, shown,
                                f.amounts(), f.id(), f.name(), f.code())
                        : new CheckoutDiscount.FixedOnceForever(duration, type, amount, shown, f.amounts(), f.id(),
                                f.name(), f.code());
            }
            case Discount.Percentage p -> repeat
                    ? new CheckoutDiscount.PercentageRepeat(duration, p.durationInMonths(), type, p.basisPoints(),
                            p.id(), p.name(), p.code())
                    : new CheckoutDiscount.PercentageOnceForever(duration, type, p.basisPoints(), p.id(), p.name(),
                            p.code());
        };
    }
}
