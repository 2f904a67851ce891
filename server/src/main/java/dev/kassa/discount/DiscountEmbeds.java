package dev.kassa.discount;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A discount as other objects embed it: Polar's {@code Discount*Base} members in orders and subscriptions, and its
 * {@code CheckoutDiscount*} members, the part a buyer may see, in checkouts. Written as ordered maps because the
 * four members of each union differ only in {@code duration_in_months} and the amount fields.
 */
public final class DiscountEmbeds {

    /** The {@code Discount*Base} union, as the document names its members. */
    public static final String BASE_UNION = "DiscountPercentageOnceForeverDurationBase | DiscountFixedOnceForeverDurationBase"
            + " | DiscountPercentageRepeatDurationBase | DiscountFixedRepeatDurationBase";
    /** The {@code CheckoutDiscount*} union. */
    public static final String CHECKOUT_UNION = "CheckoutDiscountPercentageOnceForeverDuration"
            + " | CheckoutDiscountFixedOnceForeverDuration | CheckoutDiscountPercentageRepeatDuration"
            + " | CheckoutDiscountFixedRepeatDuration";

    private DiscountEmbeds() {
    }

    /** Polar's {@code Discount*Base}: the discount without its product list. */
    public static Map<String, Object> base(Discount discount) {
        Map<String, Object> json = head(discount);
        switch (discount) {
            case Discount.Fixed fixed -> {
                json.put("amount", fixed.amount());
                json.put("currency", fixed.currency());
                json.put("amounts", fixed.amounts());
            }
            case Discount.Percentage percentage -> json.put("basis_points", percentage.basisPoints());
        }
        json.put("created_at", discount.createdAt());
        json.put("modified_at", discount.modifiedAt());
        json.put("id", discount.id());
        json.put("metadata", discount.metadata());
        json.put("name", discount.name());
        json.put("code", discount.code());
        json.put("starts_at", discount.startsAt());
        json.put("ends_at", discount.endsAt());
        json.put("max_redemptions", discount.maxRedemptions());
        json.put("max_redemptions_per_customer", discount.maxRedemptionsPerCustomer());
        json.put("redemptions_count", discount.redemptionsCount());
        json.put("organization_id", discount.organizationId());
        return json;
    }

    /** Polar's {@code CheckoutDiscount*}; a fixed discount shows its amount in the checkout's currency when it has one. */
    public static Map<String, Object> checkout(Discount discount, String currency) {
        Map<String, Object> json = head(discount);
        switch (discount) {
            case Discount.Fixed fixed -> {
                String shown = fixed.amounts().containsKey(currency) ? currency : fixed.currency();
                json.put("amount", fixed.amounts().get(shown));
                json.put("currency", shown);
                json.put("amounts", fixed.amounts());
            }
            case Discount.Percentage percentage -> json.put("basis_points", percentage.basisPoints());
        }
        json.put("id", discount.id());
        json.put("name", discount.name());
        json.put("code", discount.code());
        return json;
    }

    private static Map<String, Object> head(Discount discount) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("duration", discount.duration().wireName());
        if (discount.durationInMonths() != null) {
            json.put("duration_in_months", discount.durationInMonths());
        }
        json.put("type", discount.type().wireName());
        return json;
    }
}
