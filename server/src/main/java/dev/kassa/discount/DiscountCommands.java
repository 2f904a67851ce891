package dev.kassa.discount;

import dev.kassa.discount.Discount.Duration;
import dev.kassa.discount.Discount.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Validated request bodies, ready for the service. */
final class DiscountCommands {

    private DiscountCommands() {
    }

    /**
     * A new discount. A fixed one has {@code amounts} (in the client's order) and, when the legacy
     * {@code amount}/{@code currency} pair was used, {@code currency} naming that entry.
     */
    record DiscountCreate(String name, Type type, Duration duration, Integer durationInMonths, Map<String, Long> amounts,
            String currency, Integer basisPoints, String code, Instant startsAt, Instant endsAt, Integer maxRedemptions,
            Integer maxRedemptionsPerCustomer, List<UUID> products, UUID organizationId, Map<String, Object> metadata) {
    }

    /**
     * A partial update: a null value (or a false {@code ...Present}) leaves the field unchanged. For the nullable
     * fields (code, dates, caps) {@code ...Present} with a null value clears them.
     */
    record DiscountUpdate(String name, boolean codePresent, String code, boolean startsAtPresent, Instant startsAt,
            boolean endsAtPresent, Instant endsAt, boolean maxRedemptionsPresent, Integer maxRedemptions,
            boolean maxRedemptionsPerCustomerPresent, Integer maxRedemptionsPerCustomer, Duration duration,
            Integer durationInMonths, Type type, Long amount, String currency, Map<String, Long> amounts,
            Integer basisPoints, List<UUID> products, Map<String, Object> metadata) {
    }
}
