package dev.kassa.order;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The generated invoices of orders, and the keys that sign their download links. */
@Repository
class OrderDocumentRepository {

    record StoredInvoice(String fileName, byte[] pdf) {
    }

    private final JdbcClient jdbc;

    OrderDocumentRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** False when the order already has one: the first invoice stays. */
    boolean insertInvoice(UUID orderId, String fileName, byte[] pdf, Instant now) {
        return jdbc.sql("""
                INSERT INTO order_invoices (order_id, file_name, pdf, created_at) VALUES (:orderId, :fileName, :pdf, :now)
                ON CONFLICT (order_id) DO NOTHING
                """)
                .param("orderId", orderId).param("fileName", fileName).param("pdf", pdf)
                .param("now", Timestamp.from(now)).update() == 1;
    }

    /** The order changed (it has an invoice now): Polar's update sets {@code modified_at}. */
    void touchOrder(UUID orderId, Instant now) {
        jdbc.sql("UPDATE orders SET modified_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", orderId).update();
    }

    boolean hasInvoice(UUID orderId) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM order_invoices WHERE order_id = :orderId)")
                .param("orderId", orderId).query(Boolean.class).single();
    }

    /** Which of these orders have an invoice, in one query for a page of orders. */
    Set<UUID> withInvoice(Collection<UUID> orderIds) {
        if (orderIds.isEmpty()) {
            return Set.of();
        }
        return new HashSet<>(jdbc.sql("SELECT order_id FROM order_invoices WHERE order_id = ANY(:ids)")
                .param("ids", orderIds.toArray(UUID[]::new)).query(UUID.class).list());
    }

    Optional<StoredInvoice> findInvoice(UUID orderId) {
        return jdbc.sql("SELECT file_name, pdf FROM order_invoices WHERE order_id = :orderId")
                .param("orderId", orderId)
                .query((rs, n) -> new StoredInvoice(rs.getString("file_name"), rs.getBytes("pdf"))).optional();
    }

    /** The organization of an order, for a download whose signed link names only the order. */
    Optional<UUID> organizationOf(UUID orderId) {
        return jdbc.sql("SELECT organization_id FROM orders WHERE id = :id").param("id", orderId)
                .query(UUID.class).optional();
    }

    /** The key named {@code name}: {@code candidate} if no node made one before, else the one it made. */
    byte[] signingKey(String name, byte[] candidate, Instant now) {
        jdbc.sql("INSERT INTO signing_keys (name, secret, created_at) VALUES (:name, :secret, :now) ON CONFLICT (name) DO NOTHING")
                .param("name", name).param("secret", candidate).param("now", Timestamp.from(now)).update();
        return jdbc.sql("SELECT secret FROM signing_keys WHERE name = :name").param("name", name)
                .query((rs, n) -> rs.getBytes("secret")).single();
    }
}
