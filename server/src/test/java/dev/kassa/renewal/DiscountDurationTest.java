package dev.kassa.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.discount.Discount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Polar's {@code is_repetition_expired}: which renewal periods a subscription's discount still covers. */
class DiscountDurationTest {

    private static final Instant JAN_31 = Instant.parse("2026-01-31T10:00:00Z");

    private static Discount discount(Discount.Duration duration, Integer months) {
        return new Discount.Percentage(UUID.randomUUID(), UUID.randomUUID(), "Half", null, duration, months, 5000, null, null,
                null, null, 0, List.of(), Map.of(), JAN_31, null);
    }

    @Test
    void aOnceDiscountCoversTheFirstPeriodOnly() {
        Discount once = discount(Discount.Duration.ONCE, null);

        assertThat(RenewalPricing.discountExpired(once, JAN_31, JAN_31)).isFalse();
        assertThat(RenewalPricing.discountExpired(once, JAN_31, Instant.parse("2026-02-28T10:00:00Z"))).isTrue();
    }

    @Test
    void aForeverDiscountNeverExpires() {
        assertThat(RenewalPricing.discountExpired(discount(Discount.Duration.FOREVER, null), JAN_31,
                Instant.parse("2036-01-31T10:00:00Z"))).isFalse();
    }

    @Test
    void aThreeMonthDiscountCoversPeriodsStartingUpToTwoCalendarMonthsAfterItsFirstUse() {
        Discount threeMonths = discount(Discount.Duration.REPEATING, 3);

        // Jan 31 + 2 months is Mar 31 (calendar months, not 30-day blocks).
        assertThat(RenewalPricing.discountExpired(threeMonths, JAN_31, Instant.parse("2026-02-28T10:00:00Z"))).isFalse();
        assertThat(RenewalPricing.discountExpired(threeMonths, JAN_31, Instant.parse("2026-03-31T10:00:00Z"))).isFalse();
        assertThat(RenewalPricing.discountExpired(threeMonths, JAN_31, Instant.parse("2026-03-31T10:00:01Z"))).isTrue();
        assertThat(RenewalPricing.discountExpired(threeMonths, JAN_31, Instant.parse("2026-04-30T10:00:00Z"))).isTrue();
    }

    @Test
    void aRepeatingDiscountWithoutMonthsDoesNotExpire() {
        assertThat(RenewalPricing.discountExpired(discount(Discount.Duration.REPEATING, null), JAN_31,
                Instant.parse("2030-01-31T10:00:00Z"))).isFalse();
    }
}
