package dev.kassa.customer.schemas;

import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.List;
import java.util.Map;

/**
 * Polar's {@code CustomerState} ({@code GET /v1/customers/{id}/state}): the customer's own fields plus its active
 * subscriptions. Benefit grants and meters are empty lists until Kassa has benefits and meters.
 */
@Schema(description = "A customer with its active subscriptions, granted benefits and active meters.")
public record CustomerState(
        @JsonUnwrapped Customer customer,
        List<CustomerStateSubscription> activeSubscriptions,
        @Schema(description = "Always empty: Kassa has no benefits yet.") List<Map<String, Object>> grantedBenefits,
        @Schema(description = "Always empty: Kassa has no meters.") List<Map<String, Object>> activeMeters) {
}
