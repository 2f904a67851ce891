package dev.kassa.refund;

import dev.kassa.platform.db.SqlWhere;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class RefundRepository {

    private static final Map<String, String> SORT_COLUMNS = Map.of("created_at", "r.created_at", "amount", "r.amount");

    private final JdbcClient jdbc;

    RefundRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ListFilter(UUID organizationId, List<UUID> ids, List<UUID> orderIds, List<UUID> subscriptionIds,
            List<UUID> customerIds, List<String> externalCustomerIds, Boolean succeeded) {
    }

    /** What the order's pending refunds hold back: their net amounts and their taxes. */
    record Reserved(long amount, long taxAmount) {
    }

    void insert(Refund r) {
        jdbc.sql("""
                INSERT INTO refunds (id, organization_id, order_id, subscription_id, customer_id, status, reason, amount,
                    tax_amount, currency, comment, revoke_benefits, user_metadata, idempotency_key, stripe_payment_intent_id,
                    next_check_at, created_at)
                VALUES (:id, :organizationId, :orderId, :subscriptionId, :customerId, :status, :reason, :amount, :tax,
                    :currency, :comment, :revokeBenefits, CAST(:metadata AS jsonb), :key, :paymentIntent, :nextCheck, :createdAt)
                """)
                .param("id", r.id()).param("organizationId", r.organizationId()).param("orderId", r.orderId())
                .param("subscriptionId", r.subscriptionId()).param("customerId", r.customerId())
                .param("status", r.status().wireName()).param("reason", r.reason()).param("amount", r.amount())
                .param("tax", r.taxAmount()).param("currency", r.currency()).param("comment", r.comment())
                .param("revokeBenefits", r.revokeBenefits()).param("metadata", Json.write(r.metadata()))
                .param("key", r.idempotencyKey()).param("paymentIntent", r.stripePaymentIntentId())
                .param("nextCheck", Timestamp.from(r.nextCheckAt())).param("createdAt", Timestamp.from(r.createdAt()))
                .update();
    }

    /** The sums of the order's pending refunds (the caller holds the order's lock, so none is added meanwhile). */
    Reserved reserved(UUID orderId) {
        return jdbc.sql("""
                SELECT COALESCE(sum(amount), 0) AS amount, COALESCE(sum(tax_amount), 0) AS tax
                FROM refunds WHERE order_id = :orderId AND status = 'pending'
                """)
                .param("orderId", orderId).query((rs, n) -> new Reserved(rs.getLong("amount"), rs.getLong("tax"))).single();
    }

    Optional<Refund> findById(UUID id) {
        return jdbc.sql("SELECT * FROM refunds WHERE id = :id").param("id", id).query(RefundRepository::map).optional();
    }

    Optional<Refund> findById(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT * FROM refunds WHERE id = :id AND organization_id = :organizationId")
                .param("id", id).param("organizationId", organizationId).query(RefundRepository::map).optional();
    }

    /** Row-locked for the rest of the transaction (after its order's lock: order, then refund). */
    Optional<Refund> lock(UUID id) {
        return jdbc.sql("SELECT * FROM refunds WHERE id = :id FOR UPDATE").param("id", id).query(RefundRepository::map).optional();
    }

    Optional<Refund> findByStripeRefundId(String stripeRefundId) {
        return jdbc.sql("SELECT * FROM refunds WHERE stripe_refund_id = :id").param("id", stripeRefundId)
                .query(RefundRepository::map).optional();
    }

    /** What Stripe said (the caller holds the refund's lock). */
    void recordStripe(UUID id, RefundStatus status, String stripeRefundId, String stripeStatus, String failureReason,
            Instant nextCheckAt, Instant now) {
        jdbc.sql("""
                UPDATE refunds SET status = :status, stripe_refund_id = :refundId, stripe_status = :stripeStatus,
                       failure_reason = COALESCE(:failure, failure_reason), next_check_at = :nextCheck, last_error = NULL,
                       modified_at = :now
                WHERE id = :id
                """)
                .param("id", id).param("status", status.wireName()).param("refundId", stripeRefundId)
                .param("stripeStatus", stripeStatus).param("failure", failureReason)
                .param("nextCheck", nextCheckAt == null ? null : Timestamp.from(nextCheckAt)).param("now", Timestamp.from(now))
                .update();
    }

    /** A refund Stripe declined before making it: as in Polar, no refund exists. */
    void delete(UUID id) {
        jdbc.sql("DELETE FROM refunds WHERE id = :id").param("id", id).update();
    }

    /**
     * Claims up to {@code limit} refunds due for a look-up, skipping those another node holds, and leases them for
     * {@code lease} (their next check moves past it), so that the caller asks Stripe with no transaction open.
     */
    List<Refund> claimDue(int limit, Duration lease, Instant now) {
        return jdbc.sql("""
                UPDATE refunds SET next_check_at = :leaseEnd, checks = checks + 1
                WHERE id IN (SELECT id FROM refunds WHERE next_check_at IS NOT NULL AND next_check_at <= :now
                             ORDER BY next_check_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING *
                """)
                .param("now", Timestamp.from(now)).param("leaseEnd", Timestamp.from(now.plus(lease))).param("limit", limit)
                .query(RefundRepository::map).list();
    }

    void scheduleCheck(UUID id, Instant at, String error) {
        jdbc.sql("""
                UPDATE refunds SET next_check_at = :at, last_error = COALESCE(:error, last_error)
                WHERE id = :id AND next_check_at IS NOT NULL
                """)
                .param("id", id).param("at", Timestamp.from(at)).param("error", error).update();
    }

    /** When the reconciliation looks at the refund next; null: never (it has nothing left to learn). */
    void scheduleNext(UUID id, Instant at) {
        jdbc.sql("UPDATE refunds SET next_check_at = :at WHERE id = :id")
                .param("id", id).param("at", at == null ? null : Timestamp.from(at)).update();
    }

    /** Asks for a look-up now of the pending refunds of a PaymentIntent. */
    int checkSoon(String paymentIntentId, Instant now) {
        return jdbc.sql("""
                UPDATE refunds SET next_check_at = :now
                WHERE stripe_payment_intent_id = :pi AND status = 'pending'
                """)
                .param("pi", paymentIntentId).param("now", Timestamp.from(now)).update();
    }

    long count(ListFilter filter) {
        SqlWhere where = conditions(filter);
        return jdbc.sql("SELECT count(*) FROM refunds r WHERE " + where.sql()).params(where.params()).query(Long.class).single();
    }

    List<Refund> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        SqlWhere where = conditions(filter);
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())));
        }
        order.add("r.id");
        return jdbc.sql("SELECT r.* FROM refunds r WHERE " + where.sql() + " ORDER BY " + String.join(", ", order)
                        + " LIMIT :limit OFFSET :offset")
                .params(where.params()).param("limit", page.limit()).param("offset", page.offset())
                .query(RefundRepository::map).list();
    }

    private static SqlWhere conditions(ListFilter filter) {
        SqlWhere where = SqlWhere.of("r.organization_id = :organizationId", "organizationId", filter.organizationId())
                .andAny("r.id", "id", filter.ids())
                .andAny("r.order_id", "order_id", filter.orderIds())
                .andAny("r.subscription_id", "subscription_id", filter.subscriptionIds())
                .andAny("r.customer_id", "customer_id", filter.customerIds());
        if (!filter.externalCustomerIds().isEmpty()) {
            where = where.and("r.customer_id IN (SELECT c.id FROM customers c WHERE c.organization_id = r.organization_id"
                    + " AND c.external_id = ANY(:external_customer_id))", "external_customer_id",
                    filter.externalCustomerIds().toArray(String[]::new));
        }
        if (filter.succeeded() != null) {
            where = where.andIf(true, filter.succeeded() ? "r.status = 'succeeded'" : "r.status <> 'succeeded'");
        }
        return where;
    }

    private static Refund map(ResultSet rs, int row) throws SQLException {
        Timestamp nextCheck = rs.getTimestamp("next_check_at");
        Timestamp modified = rs.getTimestamp("modified_at");
        return new Refund(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("order_id", UUID.class), rs.getObject("subscription_id", UUID.class),
                rs.getObject("customer_id", UUID.class), RefundStatus.fromWireName(rs.getString("status")),
                rs.getString("reason"), rs.getLong("amount"), rs.getLong("tax_amount"), rs.getString("currency"),
                rs.getString("comment"), rs.getBoolean("revoke_benefits"), Json.readMap(rs.getString("user_metadata")),
                rs.getString("idempotency_key"), rs.getString("stripe_payment_intent_id"), rs.getString("stripe_refund_id"),
                rs.getString("stripe_status"), rs.getString("failure_reason"),
                nextCheck == null ? null : nextCheck.toInstant(), rs.getInt("checks"), rs.getString("last_error"),
                rs.getTimestamp("created_at").toInstant(), modified == null ? null : modified.toInstant());
    }
}
