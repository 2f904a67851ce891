package dev.kassa.order;

import dev.kassa.platform.db.SqlWhere;
import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
import dev.kassa.order.Order.BillingReason;
import dev.kassa.order.Order.Item;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class OrderRepository {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "o.created_at",
            "amount", "o.net_amount",
            "net_amount", "o.net_amount",
            "customer", "(SELECT c.email FROM customers c WHERE c.id = o.customer_id)",
            "product", "(SELECT p.name FROM products p WHERE p.id = o.product_id)",
            "discount", "(SELECT d.name FROM discounts d WHERE d.id = o.discount_id)",
            "subscription", "o.subscription_id");

    private final JdbcClient jdbc;

    OrderRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ListFilter(UUID organizationId, List<UUID> productIds, List<UUID> customerIds, List<UUID> discountIds,
            List<UUID> checkoutIds, List<UUID> subscriptionIds) {
    }

    /**
     * Takes the organization's next invoice number, locking its counter row until the transaction ends: orders of
     * one organization are numbered one at a time, and a rollback gives the number back. One statement, so the
     * lock is held for it and the commit only: {@code prefix} and at least 4 digits ({@code ACME-0001}).
     */
    void assignInvoiceNumber(UUID orderId, UUID organizationId, String prefix) {
        jdbc.sql("""
                WITH counter AS (
                    INSERT INTO order_invoice_counters (organization_id, next_number) VALUES (:organizationId, 2)
                    ON CONFLICT (organization_id) DO UPDATE SET next_number = order_invoice_counters.next_number + 1
                    RETURNING next_number - 1 AS number)
                UPDATE orders SET invoice_number = :prefix || lpad(counter.number::text, greatest(4, length(counter.number::text)), '0')
                FROM counter WHERE orders.id = :id
                """).param("organizationId", organizationId).param("id", orderId).param("prefix", prefix).update();
    }

    /** False when an order for the same checkout exists already. */
    boolean insertIfNew(Order o) {
        boolean inserted = jdbc.sql("""
                INSERT INTO orders (id, organization_id, customer_id, product_id, product_price_id, discount_id, checkout_id,
                    subscription_id, status, billing_reason, subtotal_amount, discount_amount, net_amount, tax_amount,
                    total_amount, currency, billing_name, billing_address, tax_id, tax_id_format, invoice_number,
                    custom_field_data, user_metadata, stripe_payment_intent_id, stripe_charge_id, created_at)
                VALUES (:id, :organizationId, :customerId, :productId, :productPriceId, :discountId, :checkoutId,
                    :subscriptionId, :status, :billingReason, :subtotal, :discount, :net, :tax, :total, :currency,
                    :billingName, CAST(:billingAddress AS jsonb), :taxId, :taxIdFormat, :invoiceNumber,
                    CAST(:customFieldData AS jsonb), CAST(:metadata AS jsonb), :paymentIntent, :charge, :createdAt)
                ON CONFLICT (checkout_id) DO NOTHING
                """)
                .param("id", o.id())
                .param("organizationId", o.organizationId())
                .param("customerId", o.customerId())
                .param("productId", o.productId())
                .param("productPriceId", o.productPriceId())
                .param("discountId", o.discountId())
                .param("checkoutId", o.checkoutId())
                .param("subscriptionId", o.subscriptionId())
                .param("status", o.status())
                .param("billingReason", o.billingReason().wireName())
                .param("subtotal", o.subtotalAmount())
                .param("discount", o.discountAmount())
                .param("net", o.netAmount())
                .param("tax", o.taxAmount())
                .param("total", o.totalAmount())
                .param("currency", o.currency())
                .param("billingName", o.billingName())
                .param("billingAddress", o.billingAddress() == null ? null : Json.write(o.billingAddress().toStorage()))
                .param("taxId", o.taxId() == null ? null : o.taxId().value())
                .param("taxIdFormat", o.taxId() == null ? null : o.taxId().format())
                .param("invoiceNumber", o.invoiceNumber())
                .param("customFieldData", Json.write(o.customFieldData()))
                .param("metadata", Json.write(o.metadata()))
                .param("paymentIntent", o.stripePaymentIntentId())
                .param("charge", o.stripeChargeId())
                .param("createdAt", Timestamp.from(o.createdAt()))
                .update() == 1;
        if (inserted) {
            for (int position = 0; position < o.items().size(); position++) {
                Item item = o.items().get(position);
                jdbc.sql("""
                        INSERT INTO order_items (id, order_id, position, label, amount, tax_amount, proration, product_price_id,
                                                 period_start, period_end, created_at)
                        VALUES (:id, :orderId, :position, :label, :amount, :tax, :proration, :priceId, :periodStart,
                                :periodEnd, :createdAt)
                        """)
                        .param("id", item.id())
                        .param("orderId", o.id())
                        .param("position", position)
                        .param("label", item.label())
                        .param("amount", item.amount())
                        .param("tax", item.taxAmount())
                        .param("proration", item.proration())
                        .param("priceId", item.productPriceId())
                        .param("periodStart", item.periodStart() == null ? null : Timestamp.from(item.periodStart()))
                        .param("periodEnd", item.periodEnd() == null ? null : Timestamp.from(item.periodEnd()))
                        .param("createdAt", Timestamp.from(item.createdAt()))
                        .update();
            }
        }
        return inserted;
    }

    Optional<Order> findByCheckoutId(UUID checkoutId) {
        return withItems(jdbc.sql("SELECT * FROM orders WHERE checkout_id = :checkoutId")
                .param("checkoutId", checkoutId).query(OrderRepository::map).list()).stream().findFirst();
    }

    Optional<Order> findById(UUID organizationId, UUID id, UUID customerId) {
        return withItems(jdbc.sql("SELECT * FROM orders WHERE id = :id AND organization_id = :organizationId"
                        + (customerId == null ? "" : " AND customer_id = :customerId"))
                .param("id", id).param("organizationId", organizationId)
                .params(customerId == null ? Map.of() : Map.of("customerId", customerId))
                .query(OrderRepository::map).list()).stream().findFirst();
    }

    long count(ListFilter filter) {
        return jdbc.sql("SELECT count(*) FROM orders o WHERE " + where(filter))
                .params(whereParams(filter)).query(Long.class).single();
    }

    List<Order> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())) + " NULLS LAST");
        }
        order.add("o.id");
        return withItems(jdbc.sql("SELECT o.* FROM orders o WHERE " + where(filter) + " ORDER BY " + String.join(", ", order)
                        + " LIMIT :limit OFFSET :offset")
                .params(whereParams(filter))
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query(OrderRepository::map).list());
    }

    /** Loads the items of all the orders in one query. */
    private List<Order> withItems(List<Order> orders) {
        if (orders.isEmpty()) {
            return orders;
        }
        Map<UUID, List<Item>> items = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM order_items WHERE order_id = ANY(:ids) ORDER BY order_id, position")
                .param("ids", orders.stream().map(Order::id).toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("order_id", UUID.class), new Item(rs.getObject("id", UUID.class),
                        rs.getString("label"), rs.getLong("amount"), rs.getLong("tax_amount"), rs.getBoolean("proration"),
                        rs.getObject("product_price_id", UUID.class), instant(rs.getTimestamp("period_start")),
                        instant(rs.getTimestamp("period_end")), rs.getTimestamp("created_at").toInstant())))
                .list()
                .forEach(e -> items.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getValue()));
        return orders.stream().map(o -> new Order(o.id(), o.organizationId(), o.customerId(), o.productId(),
                o.productPriceId(), o.discountId(), o.checkoutId(), o.subscriptionId(), o.status(), o.billingReason(),
                o.subtotalAmount(), o.discountAmount(), o.netAmount(), o.taxAmount(), o.totalAmount(), o.currency(),
                o.billingName(), o.billingAddress(), o.taxId(), o.invoiceNumber(), o.customFieldData(), o.metadata(),
                o.stripePaymentIntentId(), o.stripeChargeId(), o.createdAt(), o.modifiedAt(),
                List.copyOf(items.getOrDefault(o.id(), List.of())), o.refundedAmount(), o.refundedTaxAmount())).toList();
    }

    private static String where(ListFilter filter) {
        return conditions(filter).sql();
    }

    private static Map<String, Object> whereParams(ListFilter filter) {
        return conditions(filter).params();
    }

    private static SqlWhere conditions(ListFilter filter) {
        return SqlWhere.of("o.organization_id = :organizationId", "organizationId", filter.organizationId())
                .andAny("o.product_id", "product_id", filter.productIds())
                .andAny("o.customer_id", "customer_id", filter.customerIds())
                .andAny("o.discount_id", "discount_id", filter.discountIds())
                .andAny("o.checkout_id", "checkout_id", filter.checkoutIds())
                .andAny("o.subscription_id", "subscription_id", filter.subscriptionIds());
    }

    private static Order map(ResultSet rs, int row) throws SQLException {
        String address = rs.getString("billing_address");
        String taxId = rs.getString("tax_id");
        Timestamp modified = rs.getTimestamp("modified_at");
        return new Order(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getObject("customer_id", UUID.class),
                rs.getObject("product_id", UUID.class),
                rs.getObject("product_price_id", UUID.class),
                rs.getObject("discount_id", UUID.class),
                rs.getObject("checkout_id", UUID.class),
                rs.getObject("subscription_id", UUID.class),
                rs.getString("status"),
                BillingReason.fromWireName(rs.getString("billing_reason")),
                rs.getLong("subtotal_amount"),
                rs.getLong("discount_amount"),
                rs.getLong("net_amount"),
                rs.getLong("tax_amount"),
                rs.getLong("total_amount"),
                rs.getString("currency"),
                rs.getString("billing_name"),
                address == null ? null : Address.fromStorage(Json.readMap(address)),
                taxId == null ? null : new TaxId(taxId, rs.getString("tax_id_format")),
                rs.getString("invoice_number"),
                Json.readMap(rs.getString("custom_field_data")),
                Json.readMap(rs.getString("user_metadata")),
                rs.getString("stripe_payment_intent_id"),
                rs.getString("stripe_charge_id"),
                rs.getTimestamp("created_at").toInstant(),
                modified == null ? null : modified.toInstant(),
                List.of(),
                rs.getLong("refunded_amount"),
                rs.getLong("refunded_tax_amount"));
    }

    private static java.time.Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    /** The order, row-locked until the transaction ends (refunds of one order are decided one at a time). */
    Optional<Order> lockById(UUID organizationId, UUID id) {
        return lockById(organizationId, id, null);
    }

    /**
     * The order (of the customer, when {@code customerId} is given), row-locked until the transaction ends: billing
     * changes and the invoice's generation are decided one at a time.
     */
    Optional<Order> lockById(UUID organizationId, UUID id, UUID customerId) {
        return withItems(jdbc.sql("SELECT * FROM orders WHERE id = :id AND organization_id = :organizationId"
                        + (customerId == null ? "" : " AND customer_id = :customerId") + " FOR UPDATE")
                .param("id", id).param("organizationId", organizationId)
                .params(customerId == null ? Map.of() : Map.of("customerId", customerId))
                .query(OrderRepository::map).list()).stream().findFirst();
    }

    /** The name and address the invoice shows (the caller holds the order's lock). */
    void updateBilling(UUID id, String billingName, Address billingAddress, Instant now) {
        jdbc.sql("""
                UPDATE orders SET billing_name = :name, billing_address = CAST(:address AS jsonb), modified_at = :now
                WHERE id = :id
                """)
                .param("id", id).param("name", billingName)
                .param("address", billingAddress == null ? null : Json.write(billingAddress.toStorage()))
                .param("now", Timestamp.from(now)).update();
    }

    /** Sets the refunded amounts and the status that follows from them (the caller holds the order's lock). */
    void updateRefunds(UUID id, long refundedAmount, long refundedTaxAmount, String status, Instant now) {
        jdbc.sql("""
                UPDATE orders SET refunded_amount = :amount, refunded_tax_amount = :tax, status = :status, modified_at = :now
                WHERE id = :id
                """)
                .param("id", id).param("amount", refundedAmount).param("tax", refundedTaxAmount).param("status", status)
                .param("now", Timestamp.from(now)).update();
    }

    /** A pending order paid; false when it is not pending (paid already). */
    boolean markPaid(UUID id, String paymentIntentId, Instant now) {
        return jdbc.sql("""
                UPDATE orders SET status = 'paid', stripe_payment_intent_id = COALESCE(:paymentIntent, stripe_payment_intent_id),
                       modified_at = :now
                WHERE id = :id AND status = 'pending'
                """).param("id", id).param("paymentIntent", paymentIntentId).param("now", Timestamp.from(now)).update() == 1;
    }
}
