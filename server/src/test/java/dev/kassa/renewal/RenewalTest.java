package dev.kassa.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Renewals end to end: a subscription bought through a checkout, advanced by the test clock, billed off-session. */
class RenewalTest extends RenewalTestSupport {

    @Test
    void advancingAnActiveMonthlySubscriptionBillsAndPaysItsNextPeriod() {
        UUID id = subscribe(monthlyProduct(1000), VISA);
        JsonPath before = subscription(id);
        Instant firstEnd = Instant.parse(before.getString("current_period_end"));

        JsonPath after = advance(id);

        assertThat(after.getString("status")).isEqualTo("active");
        Instant start = Instant.parse(after.getString("current_period_start"));
        Instant end = Instant.parse(after.getString("current_period_end"));
        assertThat(start).isBeforeOrEqualTo(Instant.now());
        assertThat(end).isEqualTo(start.atZone(ZoneOffset.UTC).plusMonths(1).toInstant());
        assertThat(firstEnd).isAfter(Instant.now());
        List<Map<String, Object>> orders = orders(id);
        assertThat(orders).hasSize(2);
        Map<String, Object> renewal = orders.get(1);
        // Germany: tax included in the price (19 %), as at the checkout.
        assertThat(renewal).containsEntry("billing_reason", "subscription_cycle").containsEntry("status", "paid")
                .containsEntry("paid", true).containsEntry("subtotal_amount", 840).containsEntry("discount_amount", 0)
                .containsEntry("tax_amount", 160).containsEntry("total_amount", 1000)
                .containsEntry("subscription_id", id.toString());
        assertThat(orders.get(0)).containsEntry("billing_reason", "subscription_create").containsEntry("total_amount", 1000);
        assertThat(renewal.get("invoice_number")).isNotEqualTo(orders.get(0).get("invoice_number"));
    }
}
