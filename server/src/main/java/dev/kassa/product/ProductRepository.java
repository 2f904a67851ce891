package dev.kassa.product;

import dev.kassa.platform.db.SqlWhere;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import dev.kassa.product.Product.AttachedField;
import dev.kassa.product.Product.RecurringInterval;
import dev.kassa.product.ProductPrice.TaxBehavior;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class ProductRepository {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "p.created_at",
            "name", "p.name",
            "price_amount_type", "first_price.amount_type",
            "price_amount", "COALESCE(first_price.price_amount, first_price.minimum_amount)");

    private final JdbcClient jdbc;

    ProductRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The product's own columns; prices and attached fields are loaded separately, in bulk. */
    record ProductRow(UUID id, UUID organizationId, String name, String description, RecurringInterval recurringInterval,
            Integer recurringIntervalCount, boolean archived, Map<String, Object> metadata, Instant createdAt,
            Instant modifiedAt) {
    }

    record ListFilter(UUID organizationId, List<UUID> ids, String query, Boolean archived, Boolean recurring) {
    }

    void insert(ProductRow product) {
        jdbc.sql("""
                INSERT INTO products (id, organization_id, name, description, recurring_interval, recurring_interval_count,
                                      is_archived, user_metadata, created_at)
                VALUES (:id, :organizationId, :name, :description, :interval, :intervalCount, false,
                        CAST(:metadata AS jsonb), :createdAt)
                """)
                .param("id", product.id())
                .param("organizationId", product.organizationId())
                .param("name", product.name())
                .param("description", product.description())
                .param("interval", product.recurringInterval() == null ? null : product.recurringInterval().wireName())
                .param("intervalCount", product.recurringIntervalCount())
                .param("metadata", Json.write(product.metadata()))
                .param("createdAt", Timestamp.from(product.createdAt()))
                .update();
    }

    void update(ProductRow product) {
        jdbc.sql("""
                UPDATE products SET name = :name, description = :description, is_archived = :archived,
                       user_metadata = CAST(:metadata AS jsonb), modified_at = :modifiedAt
                WHERE id = :id
                """)
                .param("id", product.id())
                .param("name", product.name())
                .param("description", product.description())
                .param("archived", product.archived())
                .param("metadata", Json.write(product.metadata()))
                .param("modifiedAt", Timestamp.from(product.modifiedAt()))
                .update();
    }

    void insertPrice(ProductPrice price, int position) {
        var statement = jdbc.sql("""
                INSERT INTO product_prices (id, product_id, amount_type, price_currency, price_amount, minimum_amount,
                                            maximum_amount, preset_amount, tax_behavior, position, created_at)
                VALUES (:id, :productId, :amountType, :currency, :priceAmount, :minimumAmount, :maximumAmount,
                        :presetAmount, :taxBehavior, :position, :createdAt)
                """)
                .param("id", price.id())
                .param("productId", price.productId())
                .param("currency", price.currency())
                .param("taxBehavior", price.taxBehavior() == null ? null : price.taxBehavior().wireName())
                .param("position", position)
                .param("createdAt", Timestamp.from(price.createdAt()));
        switch (price) {
            case ProductPrice.Fixed fixed -> statement.param("amountType", "fixed").param("priceAmount", fixed.amount())
                    .param("minimumAmount", null).param("maximumAmount", null).param("presetAmount", null);
            case ProductPrice.Custom custom -> statement.param("amountType", "custom").param("priceAmount", null)
                    .param("minimumAmount", custom.minimumAmount()).param("maximumAmount", custom.maximumAmount())
                    .param("presetAmount", custom.presetAmount());
        }
        statement.update();
    }

    void repositionPrice(UUID priceId, int position) {
        jdbc.sql("UPDATE product_prices SET position = :position WHERE id = :id").param("id", priceId).param("position", position).update();
    }

    /** Archives every active price of the product not in {@code keep}. */
    void archivePricesExcept(UUID productId, Collection<UUID> keep, Instant now) {
        jdbc.sql("""
                UPDATE product_prices SET is_archived = true, modified_at = :now
                WHERE product_id = :productId AND NOT is_archived AND NOT (id = ANY(:keep))
                """)
                .param("productId", productId)
                .param("keep", keep.toArray(UUID[]::new))
                .param("now", Timestamp.from(now))
                .update();
    }

    void replaceAttachedFields(UUID productId, List<AttachedField> fields) {
        jdbc.sql("DELETE FROM product_custom_fields WHERE product_id = :productId").param("productId", productId).update();
        for (AttachedField field : fields) {
            jdbc.sql("""
                    INSERT INTO product_custom_fields (product_id, custom_field_id, position, required)
                    VALUES (:productId, :customFieldId, :position, :required)
                    """)
                    .param("productId", productId)
                    .param("customFieldId", field.customFieldId())
                    .param("position", field.order())
                    .param("required", field.required())
                    .update();
        }
    }

    /** A product the API shows: not deleted. */
    Optional<ProductRow> findById(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT p.* FROM products p WHERE p.id = :id AND p.organization_id = :organizationId AND p.deleted_at IS NULL")
                .param("id", id).param("organizationId", organizationId)
                .query(ProductRepository::mapProduct).optional();
    }

    /** Locks the product row so that concurrent updates of its prices and fields apply one after the other. */
    Optional<ProductRow> findByIdForUpdate(UUID organizationId, UUID id) {
        return jdbc.sql("""
                SELECT p.* FROM products p WHERE p.id = :id AND p.organization_id = :organizationId AND p.deleted_at IS NULL
                FOR UPDATE
                """)
                .param("id", id).param("organizationId", organizationId)
                .query(ProductRepository::mapProduct).optional();
    }

    /**
     * Locks a live product for its deletion. {@code FOR NO KEY UPDATE}, which a foreign key check (an order or a
     * checkout being inserted for the product takes {@code FOR KEY SHARE}) does not wait for, so the delete never
     * deadlocks with a confirm; concurrent updates and deletes of the product still wait for each other.
     */
    Optional<ProductRow> lockForDeletion(UUID organizationId, UUID id) {
        return jdbc.sql("""
                SELECT p.* FROM products p WHERE p.id = :id AND p.organization_id = :organizationId AND p.deleted_at IS NULL
                FOR NO KEY UPDATE
                """)
                .param("id", id).param("organizationId", organizationId)
                .query(ProductRepository::mapProduct).optional();
    }

    /**
     * Locks the open and confirmed checkouts offering the product: waits for a confirm in progress (it holds its
     * checkout's row lock) to commit, so the check that follows sees the checkout it confirmed.
     */
    void lockUnsettledCheckouts(UUID productId) {
        jdbc.sql("""
                SELECT c.id FROM checkouts c
                WHERE c.id IN (SELECT cp.checkout_id FROM checkout_products cp WHERE cp.product_id = :productId)
                  AND c.status IN ('open', 'confirmed')
                FOR UPDATE OF c
                """)
                .param("productId", productId).query(UUID.class).list();
    }

    /**
     * The products among {@code ids} that nothing refers to: no order, no subscription, no live discount restricted
     * to them, and no checkout confirmed (its payment under way) or succeeded with them. Polar's rule (its SDK:
     * "Products referenced by an order, subscription, trial or discount cannot be deleted"); a trial is a
     * subscription in Kassa.
     */
    List<UUID> unreferenced(Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("""
                SELECT p.id FROM products p
                WHERE p.id = ANY(:ids)
                  AND NOT EXISTS (SELECT 1 FROM orders o WHERE o.product_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM subscriptions s WHERE s.product_id = p.id)
                  AND NOT EXISTS (SELECT 1 FROM discount_products dp JOIN discounts d ON d.id = dp.discount_id
                                  WHERE dp.product_id = p.id AND d.deleted_at IS NULL)
                  AND NOT EXISTS (SELECT 1 FROM checkouts c WHERE c.product_id = p.id AND c.status IN ('confirmed', 'succeeded'))
                """)
                .param("ids", ids.toArray(UUID[]::new))
                .query(UUID.class).list();
    }

    /** Soft-deletes the product: hidden from the API, archived, its prices archived, so no open checkout can be paid. */
    void markDeleted(UUID id, Instant now) {
        jdbc.sql("UPDATE products SET deleted_at = :now, is_archived = true, modified_at = :now WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
        archivePricesExcept(id, List.of(), now);
    }

    /** The organization's products with these ids, deleted ones included (orders and checkouts still show them). */
    List<ProductRow> findByIds(UUID organizationId, Collection<UUID> ids) {
        return findByIds(organizationId, ids, true);
    }

    List<ProductRow> findByIds(UUID organizationId, Collection<UUID> ids, boolean includeDeleted) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT p.* FROM products p WHERE p.organization_id = :organizationId AND p.id = ANY(:ids)"
                        + (includeDeleted ? "" : " AND p.deleted_at IS NULL"))
                .param("organizationId", organizationId)
                .param("ids", ids.toArray(UUID[]::new))
                .query(ProductRepository::mapProduct).list();
    }

    Optional<ProductPrice> findPrice(UUID organizationId, UUID priceId) {
        return findPrice(organizationId, priceId, true);
    }

    Optional<ProductPrice> findPrice(UUID organizationId, UUID priceId, boolean includeDeleted) {
        return jdbc.sql("""
                SELECT pp.* FROM product_prices pp JOIN products p ON p.id = pp.product_id
                WHERE pp.id = :id AND p.organization_id = :organizationId
                """ + (includeDeleted ? "" : " AND p.deleted_at IS NULL"))
                .param("id", priceId).param("organizationId", organizationId)
                .query(ProductRepository::mapPrice).optional();
    }

    /** Active prices of each product, in display order. */
    Map<UUID, List<ProductPrice>> findActivePrices(Collection<UUID> productIds) {
        Map<UUID, List<ProductPrice>> prices = new LinkedHashMap<>();
        if (productIds.isEmpty()) {
            return prices;
        }
        jdbc.sql("""
                SELECT * FROM product_prices
                WHERE product_id = ANY(:ids) AND NOT is_archived
                ORDER BY product_id, position, created_at
                """)
                .param("ids", productIds.toArray(UUID[]::new))
                .query(ProductRepository::mapPrice)
                .list()
                .forEach(price -> prices.computeIfAbsent(price.productId(), id -> new ArrayList<>()).add(price));
        return prices;
    }

    Map<UUID, List<AttachedField>> findAttachedFields(Collection<UUID> productIds) {
        Map<UUID, List<AttachedField>> attached = new LinkedHashMap<>();
        if (productIds.isEmpty()) {
            return attached;
        }
        jdbc.sql("""
                SELECT product_id, custom_field_id, position, required FROM product_custom_fields
                WHERE product_id = ANY(:ids) ORDER BY product_id, position
                """)
                .param("ids", productIds.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("product_id", UUID.class), new AttachedField(
                        rs.getObject("custom_field_id", UUID.class), rs.getInt("position"), rs.getBoolean("required"))))
                .list()
                .forEach(e -> attached.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue()));
        return attached;
    }

    long count(ListFilter filter) {
        return jdbc.sql("SELECT count(*) FROM products p WHERE " + where(filter))
                .params(whereParams(filter))
                .query(Long.class).single();
    }

    List<ProductRow> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())) + " NULLS LAST");
        }
        order.add("p.id");
        return jdbc.sql("""
                SELECT p.* FROM products p
                LEFT JOIN LATERAL (
                    SELECT amount_type, price_amount, minimum_amount FROM product_prices pp
                    WHERE pp.product_id = p.id AND NOT pp.is_archived ORDER BY pp.position, pp.created_at LIMIT 1
                ) first_price ON true
                WHERE %s
                ORDER BY %s
                LIMIT :limit OFFSET :offset
                """.formatted(where(filter), String.join(", ", order)))
                .params(whereParams(filter))
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query(ProductRepository::mapProduct).list();
    }

    private static String where(ListFilter filter) {
        return conditions(filter).sql();
    }

    private static Map<String, Object> whereParams(ListFilter filter) {
        return conditions(filter).params();
    }

    private static SqlWhere conditions(ListFilter filter) {
        SqlWhere where = SqlWhere.of("p.organization_id = :organizationId AND p.deleted_at IS NULL", "organizationId",
                        filter.organizationId())
                .andAny("p.id", "ids", filter.ids())
                .andContains("p.name ILIKE :query ESCAPE '\\'", "query", filter.query())
                .andIf(filter.recurring() != null, Boolean.TRUE.equals(filter.recurring())
                        ? "p.recurring_interval IS NOT NULL" : "p.recurring_interval IS NULL");
        return filter.archived() == null ? where : where.and("p.is_archived = :archived", "archived", filter.archived());
    }


    private static ProductRow mapProduct(ResultSet rs, int row) throws SQLException {
        Timestamp modified = rs.getTimestamp("modified_at");
        return new ProductRow(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                rs.getString("description"),
                RecurringInterval.fromWireName(rs.getString("recurring_interval")),
                rs.getObject("recurring_interval_count", Integer.class),
                rs.getBoolean("is_archived"),
                Json.readMap(rs.getString("user_metadata")),
                rs.getTimestamp("created_at").toInstant(),
                modified == null ? null : modified.toInstant());
    }

    private static ProductPrice mapPrice(ResultSet rs, int row) throws SQLException {
        UUID id = rs.getObject("id", UUID.class);
        UUID productId = rs.getObject("product_id", UUID.class);
        String currency = rs.getString("price_currency");
        TaxBehavior taxBehavior = TaxBehavior.fromWireName(rs.getString("tax_behavior"));
        boolean archived = rs.getBoolean("is_archived");
        Instant createdAt = rs.getTimestamp("created_at").toInstant();
        Timestamp modified = rs.getTimestamp("modified_at");
        Instant modifiedAt = modified == null ? null : modified.toInstant();
        if ("fixed".equals(rs.getString("amount_type"))) {
            return new ProductPrice.Fixed(id, productId, currency, rs.getLong("price_amount"), taxBehavior, archived, createdAt, modifiedAt);
        }
        long minimum = rs.getLong("minimum_amount");
        Long maximum = rs.getObject("maximum_amount", Long.class);
        Long preset = rs.getObject("preset_amount", Long.class);
        return new ProductPrice.Custom(id, productId, currency, minimum, maximum, preset, taxBehavior, archived, createdAt, modifiedAt);
    }
}
