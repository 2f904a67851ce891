package dev.kassa.renewal;

import dev.kassa.platform.web.ResourceNotFound;
import dev.kassa.subscription.SubscriptionBilling;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** What {@code ./kassa admin} does with renewals: the attempts waiting for a person, and the test clock. */
@Service
public class RenewalAdmin {

    private final JdbcClient jdbc;
    private final SubscriptionBilling billing;
    private final TestClock testClock;

    RenewalAdmin(JdbcClient jdbc, SubscriptionBilling billing, TestClock testClock) {
        this.jdbc = jdbc;
        this.billing = billing;
        this.testClock = testClock;
    }

    /** Renewal attempts flagged for the operator (unsettled after many looks, or charged after being recorded as not), oldest first. */
    @Transactional(readOnly = true)
    public List<Map<String, Object>> flaggedAttempts() {
        return jdbc.sql("""
                SELECT a.id, r.subscription_id, r.organization_id, r.order_id, a.number, a.status, a.intent_id, a.last_error,
                       a.flagged_at
                FROM renewal_attempts a JOIN renewals r ON r.id = a.renewal_id
                WHERE a.flagged_at IS NOT NULL ORDER BY a.flagged_at LIMIT 1000
                """).query((rs, n) -> {
                    Map<String, Object> row = new LinkedHashMap<>();
                    row.put("attempt_id", rs.getString("id"));
                    row.put("subscription_id", rs.getString("subscription_id"));
                    row.put("organization_id", rs.getString("organization_id"));
                    row.put("order_id", rs.getString("order_id"));
                    row.put("try", rs.getInt("number"));
                    row.put("status", rs.getString("status"));
                    row.put("intent_id", rs.getString("intent_id"));
                    row.put("reason", rs.getString("last_error"));
                    row.put("flagged_at", rs.getTimestamp("flagged_at").toInstant().toString());
                    return row;
                }).list();
    }

    /** The test clock's advance for any subscription (test mode only): its status and period afterwards. */
    public Map<String, Object> advance(UUID subscriptionId) {
        UUID organizationId = billing.find(subscriptionId).orElseThrow(ResourceNotFound::new).organizationId();
        dev.kassa.subscription.schemas.Subscription s = testClock.advance(organizationId, subscriptionId);
        return Map.of("id", subscriptionId.toString(), "status", s.base().status(), "current_period_end",
                String.valueOf(s.base().currentPeriodEnd()));
    }
}
