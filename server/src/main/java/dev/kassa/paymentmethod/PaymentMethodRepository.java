package dev.kassa.paymentmethod;

import dev.kassa.payment.PaymentMethodGateway.SavedMethod;
import dev.kassa.platform.json.Json;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code payment_methods} table (V80). */
@Repository
class PaymentMethodRepository {

    private final JdbcClient jdbc;

    PaymentMethodRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Records the processor's payment method for the customer, or refreshes what it shows; returns Kassa's row. */
    SavedPaymentMethod upsert(UUID organizationId, UUID customerId, SavedMethod method, Instant now) {
        Map<String, Object> metadata = new LinkedHashMap<>();
        if (method.brand() != null) {
            metadata.put("brand", method.brand());
            metadata.put("last4", method.last4());
            metadata.put("exp_month", method.expMonth());
            metadata.put("exp_year", method.expYear());
            metadata.put("wallet", method.wallet());
        }
        return jdbc.sql("""
                INSERT INTO payment_methods (id, organization_id, customer_id, processor_id, type, method_metadata, created_at)
                VALUES (:id, :organizationId, :customerId, :processorId, :type, CAST(:metadata AS jsonb), :now)
                ON CONFLICT (customer_id, processor_id) DO UPDATE
                    SET method_metadata = excluded.method_metadata, type = excluded.type, deleted_at = NULL,
                        modified_at = CASE WHEN payment_methods.method_metadata IS DISTINCT FROM excluded.method_metadata
                                             OR payment_methods.deleted_at IS NOT NULL THEN :now
                                           ELSE payment_methods.modified_at END
                RETURNING *
                """)
                .param("id", UUID.randomUUID()).param("organizationId", organizationId).param("customerId", customerId)
                .param("processorId", method.processorId()).param("type", method.type() == null ? "card" : method.type())
                .param("metadata", Json.write(metadata)).param("now", Timestamp.from(now))
                .query(PaymentMethodRepository::map).single();
    }

    List<SavedPaymentMethod> list(UUID customerId, int limit, long offset) {
        return jdbc.sql("""
                SELECT * FROM payment_methods WHERE customer_id = :customerId AND deleted_at IS NULL
                ORDER BY created_at DESC, id LIMIT :limit OFFSET :offset
                """)
                .param("customerId", customerId).param("limit", limit).param("offset", offset)
                .query(PaymentMethodRepository::map).list();
    }

    long count(UUID customerId) {
        return jdbc.sql("SELECT count(*) FROM payment_methods WHERE customer_id = :customerId AND deleted_at IS NULL")
                .param("customerId", customerId).query(Long.class).single();
    }

    /** The customer's live rows whose processor id is not in {@code stillSaved}: detached at the processor. */
    void forgetAllBut(UUID customerId, List<String> stillSaved, Instant now) {
        jdbc.sql("""
                UPDATE payment_methods SET deleted_at = :now, is_default = false, modified_at = :now
                WHERE customer_id = :customerId AND deleted_at IS NULL AND NOT (processor_id = ANY (:stillSaved))
                """)
                .param("customerId", customerId).param("stillSaved", stillSaved.toArray(String[]::new))
                .param("now", Timestamp.from(now)).update();
    }

    Optional<SavedPaymentMethod> findLive(UUID customerId, UUID id) {
        return jdbc.sql("SELECT * FROM payment_methods WHERE customer_id = :customerId AND id = :id AND deleted_at IS NULL")
                .param("customerId", customerId).param("id", id).query(PaymentMethodRepository::map).optional();
    }

    Optional<SavedPaymentMethod> findDefault(UUID customerId) {
        return jdbc.sql("SELECT * FROM payment_methods WHERE customer_id = :customerId AND is_default AND deleted_at IS NULL")
                .param("customerId", customerId).query(PaymentMethodRepository::map).optional();
    }

    /** Makes the row the customer's one default (the caller holds the customer's lock). */
    void makeDefault(UUID customerId, UUID id, Instant now) {
        jdbc.sql("""
                UPDATE payment_methods SET is_default = false, modified_at = :now
                WHERE customer_id = :customerId AND is_default AND id <> :id
                """)
                .param("customerId", customerId).param("id", id).param("now", Timestamp.from(now)).update();
        jdbc.sql("UPDATE payment_methods SET is_default = true, modified_at = :now WHERE id = :id AND NOT is_default")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** Makes the row with this processor id the default when the customer has none. */
    void defaultIfNone(UUID customerId, String processorId, Instant now) {
        jdbc.sql("""
                UPDATE payment_methods SET is_default = true, modified_at = :now
                WHERE customer_id = :customerId AND processor_id = :processorId AND deleted_at IS NULL
                  AND NOT EXISTS (SELECT 1 FROM payment_methods d WHERE d.customer_id = :customerId AND d.is_default
                                  AND d.deleted_at IS NULL)
                """)
                .param("customerId", customerId).param("processorId", processorId).param("now", Timestamp.from(now)).update();
    }

    void softDelete(UUID id, Instant now) {
        jdbc.sql("UPDATE payment_methods SET deleted_at = :now, is_default = false, modified_at = :now WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    private static SavedPaymentMethod map(ResultSet rs, int row) throws SQLException {
        Map<String, Object> metadata = Json.readMap(rs.getString("method_metadata"));
        Timestamp modified = rs.getTimestamp("modified_at");
        return new SavedPaymentMethod(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getObject("customer_id", UUID.class), rs.getString("processor_id"), rs.getString("type"),
                (String) metadata.get("brand"), (String) metadata.get("last4"), number(metadata.get("exp_month")),
                number(metadata.get("exp_year")), (String) metadata.get("wallet"), rs.getBoolean("is_default"),
                rs.getTimestamp("created_at").toInstant(), modified == null ? null : modified.toInstant());
    }

    private static Long number(Object value) {
        return value instanceof Number n ? n.longValue() : null;
    }
}
