package dev.kassa.subscription;

import dev.kassa.platform.db.SqlWhere;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.product.Product.RecurringInterval;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SubscriptionRepository {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "customer", "(SELECT c.email FROM customers c WHERE c.id = s.customer_id)",
            "status", "s.status",
            "started_at", "s.started_at",
            "current_period_end", "s.current_period_end",
            "amount", "s.amount",
            "product", "(SELECT p.name FROM products p WHERE p.id = s.product_id)",
            "discount", "(SELECT d.name FROM discounts d WHERE d.id = s.discount_id)",
            "organization", "s.organization_id");

    private final JdbcClient jdbc;

    SubscriptionRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ListFilter(UUID organizationId, List<UUID> productIds, List<UUID> customerIds, List<UUID> discountIds,
            Boolean active) {
    }

    /** False when a subscription for the same checkout exists already. */
    boolean insertIfNew(Subscription s) {
        return jdbc.sql("""
                INSERT INTO subscriptions (id, organization_id, customer_id, product_id, price_id, status, amount, currency,
                    recurring_interval, recurring_interval_count, current_period_start, current_period_end, trial_start,
                    trial_end, cancel_at_period_end, started_at, discount_id, checkout_id, custom_field_data,
                    user_metadata, created_at, stripe_payment_method_id)
                VALUES (:id, :organizationId, :customerId, :productId, :priceId, :status, :amount, :currency, :interval,
                    :intervalCount, :periodStart, :periodEnd, :trialStart, :trialEnd, false, :startedAt, :discountId,
                    :checkoutId, CAST(:customFieldData AS jsonb), CAST(:metadata AS jsonb), :createdAt,
                    :paymentMethod)
                ON CONFLICT (checkout_id) DO NOTHING
                """)
                .param("id", s.id())
                .param("organizationId", s.organizationId())
                .param("customerId", s.customerId())
                .param("productId", s.productId())
                .param("priceId", s.priceId())
                .param("status", s.status().wireName())
                .param("amount", s.amount())
                .param("currency", s.currency())
                .param("interval", s.recurringInterval().wireName())
                .param("intervalCount", s.recurringIntervalCount())
                .param("periodStart", ts(s.currentPeriodStart()))
                .param("periodEnd", ts(s.currentPeriodEnd()))
                .param("trialStart", ts(s.trialStart()))
                .param("trialEnd", ts(s.trialEnd()))
                .param("startedAt", ts(s.startedAt()))
                .param("discountId", s.discountId())
                .param("checkoutId", s.checkoutId())
                .param("customFieldData", Json.write(s.customFieldData()))
                .param("metadata", Json.write(s.metadata()))
                .param("createdAt", ts(s.createdAt()))
                .param("paymentMethod", s.stripePaymentMethodId())
                .update() == 1;
    }

    Optional<Subscription> findByCheckoutId(UUID checkoutId) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE checkout_id = :checkoutId")
                .param("checkoutId", checkoutId).query(SubscriptionRepository::map).optional();
    }

    Optional<Subscription> findById(UUID organizationId, UUID id, UUID customerId) {
        return jdbc.sql("SELECT * FROM subscriptions WHERE id = :id AND organization_id = :organizationId"
                        + (customerId == null ? "" : " AND customer_id = :customerId"))
                .param("id", id).param("organizationId", organizationId)
                .params(customerId == null ? Map.of() : Map.of("customerId", customerId))
                .query(SubscriptionRepository::map).optional();
    }

    /** Polar's {@code list_active_by_customer}: the customer's {@code active} and {@code trialing} subscriptions. */
    List<Subscription> findActiveByCustomer(UUID organizationId, UUID customerId) {
        return jdbc.sql("""
                SELECT * FROM subscriptions
                WHERE organization_id = :organizationId AND customer_id = :customerId AND status IN ('active', 'trialing')
                ORDER BY started_at, created_at, id
                """)
                .param("organizationId", organizationId).param("customerId", customerId)
                .query(SubscriptionRepository::map).list();
    }

    /**
     * Whether a billable subscription (active, trialing or past_due) of the organization belongs to the customer, or,
     * without a customer, to a live customer of the organization with this email (case-insensitive).
     */
    boolean existsBillable(UUID organizationId, UUID customerId, String email) {
        if (customerId != null) {
            return jdbc.sql("""
                    SELECT EXISTS (SELECT 1 FROM subscriptions
                        WHERE customer_id = :customerId AND organization_id = :organizationId
                          AND status IN ('active', 'trialing', 'past_due'))
                    """)
                    .param("customerId", customerId).param("organizationId", organizationId)
                    .query(Boolean.class).single();
        }
        return jdbc.sql("""
                SELECT EXISTS (SELECT 1 FROM customers c JOIN subscriptions s ON s.customer_id = c.id
                    WHERE c.organization_id = :organizationId AND lower(c.email) = lower(:email) AND c.deleted_at IS NULL
                      AND s.organization_id = :organizationId AND s.status IN ('active', 'trialing', 'past_due'))
                """)
                .param("organizationId", organizationId).param("email", email)
                .query(Boolean.class).single();
    }

    List<Subscription> findAllByIds(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM subscriptions WHERE organization_id = :organizationId AND id = ANY(:ids)")
                .param("organizationId", organizationId).param("ids", ids.toArray(UUID[]::new))
                .query(SubscriptionRepository::map).list();
    }

    long count(ListFilter filter) {
        return jdbc.sql("SELECT count(*) FROM subscriptions s WHERE " + where(filter))
                .params(whereParams(filter)).query(Long.class).single();
    }

    List<Subscription> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())) + " NULLS LAST");
        }
        order.add("s.id");
        return jdbc.sql("SELECT s.* FROM subscriptions s WHERE " + where(filter) + " ORDER BY " + String.join(", ", order)
                        + " LIMIT :limit OFFSET :offset")
                .params(whereParams(filter))
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query(SubscriptionRepository::map).list();
    }

    private static String where(ListFilter filter) {
        return conditions(filter).sql();
    }

    private static Map<String, Object> whereParams(ListFilter filter) {
        return conditions(filter).params();
    }

    private static SqlWhere conditions(ListFilter filter) {
        return SqlWhere.of("s.organization_id = :organizationId", "organizationId", filter.organizationId())
                .andAny("s.product_id", "productIds", filter.productIds())
                .andAny("s.customer_id", "customerIds", filter.customerIds())
                .andAny("s.discount_id", "discountIds", filter.discountIds())
                .andIf(filter.active() != null,
                        (Boolean.TRUE.equals(filter.active()) ? "" : "NOT ") + "s.status IN ('active', 'trialing')");
    }

    static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp value = rs.getTimestamp(column);
        return value == null ? null : value.toInstant();
    }

    static Subscription map(ResultSet rs, int row) throws SQLException {
        return new Subscription(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getObject("price_id", UUID.class),
                Subscription.Status.fromWireName(rs.getString("status")),
                rs.getLong("amount"),
                rs.getString("currency"),
                RecurringInterval.fromWireName(rs.getString("recurring_interval")),
                rs.getInt("recurring_interval_count"),
                instant(rs, "current_period_start"),
                instant(rs, "current_period_end"),
                instant(rs, "trial_start"),
                instant(rs, "trial_end"),
                rs.getBoolean("cancel_at_period_end"),
                instant(rs, "started_at"),
                instant(rs, "ends_at"),
                instant(rs, "ended_at"),
                instant(rs, "canceled_at"),
                rs.getObject("discount_id", UUID.class),
                rs.getObject("checkout_id", UUID.class),
                Json.readMap(rs.getString("custom_field_data")),
                Json.readMap(rs.getString("user_metadata")),
                instant(rs, "created_at"),
                instant(rs, "modified_at"),
                rs.getString("customer_cancellation_reason"),
                rs.getString("customer_cancellation_comment"),
                instant(rs, "past_due_at"),
                rs.getString("stripe_payment_method_id"));
    }
}
