package dev.kassa.discount;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class DiscountTest {

    static final UUID PRODUCT = UUID.randomUUID();
    static final UUID OTHER_PRODUCT = UUID.randomUUID();
    static final Instant NOW = Instant.parse("2025-06-01T12:00:00Z");

    static Discount.Fixed fixed(Map<String, Long> amounts, List<UUID> products) {
        return new Discount.Fixed(UUID.randomUUID(), UUID.randomUUID(), "F", null, Discount.Duration.ONCE, null, amounts,
                amounts.keySet().iterator().next(), null, null, null, null, 0, products, Map.of(), NOW, null);
    }

    static Discount.Percentage percentage(int basisPoints, List<UUID> products, Instant startsAt, Instant endsAt,
            Integer maxRedemptions, int redemptions) {
        return new Discount.Percentage(UUID.randomUUID(), UUID.randomUUID(), "P", null, Discount.Duration.FOREVER, null,
                basisPoints, startsAt, endsAt, maxRedemptions, null, redemptions, products, Map.of(), NOW, null);
    }

    @Test
    void fixedTakesItsAmountInTheCurrency() {
        assertEquals(300, fixed(Map.of("usd", 300L), List.of()).amountFor(1000, "usd"));
    }

    @Test
    void fixedNeverExceedsTheSubtotal() {
        assertEquals(200, fixed(Map.of("usd", 300L), List.of()).amountFor(200, "usd"));
    }

    @Test
    void fixedWithoutTheCurrencyIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> fixed(Map.of("usd", 300L), List.of()).amountFor(1000, "eur"));
    }

    @Test
    void percentageRoundsHalfAwayFromZero() {
        assertEquals(300, percentage(1000, List.of(), null, null, null, 0).amountFor(2995, "usd"));
        assertEquals(299, percentage(1000, List.of(), null, null, null, 0).amountFor(2994, "usd"));
    }

    @Test
    void fullPercentageTakesEverything() {
        assertEquals(4321, percentage(10_000, List.of(), null, null, null, 0).amountFor(4321, "jpy"));
    }

    @Test
    void fixedAppliesOnlyInItsCurrencies() {
        Discount discount = fixed(Map.of("usd", 300L, "eur", 250L), List.of());
        assertTrue(discount.appliesTo(PRODUCT, "eur"));
        assertTrue(discount.appliesTo(PRODUCT, "USD"));
        assertFalse(discount.appliesTo(PRODUCT, "gbp"));
    }

    @Test
    void productRestrictionLimitsBothTypes() {
        assertTrue(fixed(Map.of("usd", 1L), List.of(PRODUCT)).appliesTo(PRODUCT, "usd"));
        assertFalse(fixed(Map.of("usd", 1L), List.of(PRODUCT)).appliesTo(OTHER_PRODUCT, "usd"));
        assertTrue(percentage(10, List.of(PRODUCT), null, null, null, 0).appliesTo(PRODUCT, "gbp"));
        assertFalse(percentage(10, List.of(PRODUCT), null, null, null, 0).appliesTo(OTHER_PRODUCT, "gbp"));
    }

    @Test
    void emptyRestrictionMeansEveryProduct() {
        assertTrue(percentage(10, List.of(), null, null, null, 0).appliesTo(OTHER_PRODUCT, "usd"));
    }

    @Test
    void redeemableWithinItsDatesAndBelowItsCap() {
        assertTrue(percentage(10, List.of(), NOW.minusSeconds(1), NOW.plusSeconds(1), 2, 1).isRedeemableAt(NOW));
        assertFalse(percentage(10, List.of(), NOW.plusSeconds(1), null, null, 0).isRedeemableAt(NOW));
        assertFalse(percentage(10, List.of(), null, NOW.minusSeconds(1), null, 0).isRedeemableAt(NOW));
        assertFalse(percentage(10, List.of(), null, null, 2, 2).isRedeemableAt(NOW));
    }
}
