package dev.kassa.customer;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import dev.kassa.subscription.Subscription;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Polar's {@code CustomerState} ({@code GET /v1/customers/{id}/state}): the customer's own fields, as in
 * {@link CustomerView}, plus its active subscriptions. Benefit grants and meters are empty lists until Kassa has
 * benefits and meters.
 */
public record CustomerState(@JsonUnwrapped CustomerView customer, List<ActiveSubscription> activeSubscriptions,
        List<Object> grantedBenefits, List<Object> activeMeters) {

    static CustomerState of(CustomerView customer, List<Subscription> active) {
        return new CustomerState(customer, active.stream().map(ActiveSubscription::of).toList(), List.of(), List.of());
    }

    /**
     * Polar's {@code CustomerStateSubscription}: an {@code active} or {@code trialing} subscription. {@code price_id} is
     * deprecated (and hidden from Polar's schema) but still sent; {@code meters} is empty, {@code seats} and
     * {@code units} null, as Kassa has neither metered, seat nor unit prices.
     */
    public record ActiveSubscription(UUID id, Instant createdAt, Instant modifiedAt, Map<String, Object> customFieldData,
            Map<String, Object> metadata, String status, long amount, String currency, String recurringInterval,
            Instant currentPeriodStart, Instant currentPeriodEnd, Instant trialStart, Instant trialEnd,
            boolean cancelAtPeriodEnd, Instant canceledAt, Instant startedAt, Instant endsAt, UUID productId,
            UUID discountId, UUID priceId, List<Object> meters, Integer seats, Integer units) {

        static ActiveSubscription of(Subscription s) {
            return new ActiveSubscription(s.id(), s.createdAt(), s.modifiedAt(), s.customFieldData(), s.metadata(),
                    s.status().wireName(), s.amount(), s.currency(), s.recurringInterval().wireName(),
                    s.currentPeriodStart(), s.currentPeriodEnd(), s.trialStart(), s.trialEnd(), s.cancelAtPeriodEnd(),
                    s.canceledAt(), s.startedAt(), s.endsAt(), s.productId(), s.discountId(), s.priceId(), List.of(),
                    null, null);
        }
    }
}
