package dev.kassa.discount;

import dev.kassa.discount.Discount.Duration;
import dev.kassa.discount.Discount.Type;
import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
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
class DiscountRepository {

    static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "d.created_at",
            "name", "d.name",
            "code", "d.code",
            "redemptions_count", "d.redemptions_count");

    private final JdbcClient jdbc;

    DiscountRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ListFilter(UUID organizationId, String query) {
    }

    void insert(Discount discount) {
        jdbc.sql("""
                INSERT INTO discounts (id, organization_id, name, type, amounts, currency, basis_points, duration,
                                       duration_in_months, code, starts_at, ends_at, max_redemptions,
                                       max_redemptions_per_customer, user_metadata, created_at)
                VALUES (:id, :organizationId, :name, :type, CAST(:amounts AS jsonb), :currency, :basisPoints, :duration,
                        :durationInMonths, :code, :startsAt, :endsAt, :maxRedemptions, :maxRedemptionsPerCustomer,
                        CAST(:metadata AS jsonb), :createdAt)
                """)
                .params(columns(discount))
                .param("organizationId", discount.organizationId())
                .param("type", discount.type().wireName())
                .param("duration", discount.duration().wireName())
                .param("createdAt", Timestamp.from(discount.createdAt()))
                .update();
    }

    /** Writes the changeable columns; type, duration and the redemption count are never written here. */
    void update(Discount discount) {
        jdbc.sql("""
                UPDATE discounts SET name = :name, amounts = CAST(:amounts AS jsonb), currency = :currency,
                       basis_points = :basisPoints, duration_in_months = :durationInMonths, code = :code,
                       starts_at = :startsAt, ends_at = :endsAt, max_redemptions = :maxRedemptions,
                       max_redemptions_per_customer = :maxRedemptionsPerCustomer, user_metadata = CAST(:metadata AS jsonb),
                       modified_at = :modifiedAt
                WHERE id = :id
                """)
                .params(columns(discount))
                .param("modifiedAt", Timestamp.from(discount.modifiedAt()))
                .update();
    }

    private static Map<String, Object> columns(Discount discount) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("id", discount.id());
        params.put("name", discount.name());
        params.put("amounts", discount instanceof Discount.Fixed fixed ? Json.write(fixed.amounts()) : null);
        params.put("currency", discount instanceof Discount.Fixed fixed ? fixed.currency() : null);
        params.put("basisPoints", discount instanceof Discount.Percentage percentage ? percentage.basisPoints() : null);
        params.put("durationInMonths", discount.durationInMonths());
        params.put("code", discount.code());
        params.put("startsAt", timestamp(discount.startsAt()));
        params.put("endsAt", timestamp(discount.endsAt()));
        params.put("maxRedemptions", discount.maxRedemptions());
        params.put("maxRedemptionsPerCustomer", discount.maxRedemptionsPerCustomer());
        params.put("metadata", Json.write(discount.metadata()));
        return params;
    }

    void softDelete(UUID id, Instant now) {
        jdbc.sql("UPDATE discounts SET deleted_at = :now, modified_at = :now WHERE id = :id")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    void replaceProducts(UUID discountId, List<UUID> productIds) {
        jdbc.sql("DELETE FROM discount_products WHERE discount_id = :discountId").param("discountId", discountId).update();
        for (int position = 0; position < productIds.size(); position++) {
            jdbc.sql("INSERT INTO discount_products (discount_id, product_id, position) VALUES (:discountId, :productId, :position)")
                    .param("discountId", discountId)
                    .param("productId", productIds.get(position))
                    .param("position", position)
                    .update();
        }
    }

    Optional<Discount> findById(UUID organizationId, UUID id) {
        return one("""
                SELECT d.* FROM discounts d
                WHERE d.id = :id AND d.organization_id = :organizationId AND d.deleted_at IS NULL
                """, Map.of("id", id, "organizationId", organizationId));
    }

    /** Locks the discount row for the rest of the transaction (updates, deletes, redemptions run one at a time). */
    Optional<Discount> findByIdForUpdate(UUID organizationId, UUID id) {
        return one("""
                SELECT d.* FROM discounts d
                WHERE d.id = :id AND d.organization_id = :organizationId AND d.deleted_at IS NULL
                FOR UPDATE
                """, Map.of("id", id, "organizationId", organizationId));
    }


    void insertRedemption(UUID discountId, UUID checkoutId, UUID customerId, String normalizedEmail) {
        jdbc.sql("""
                INSERT INTO discount_redemptions (id, discount_id, checkout_id, customer_id, customer_email, created_at)
                VALUES (:id, :discountId, :checkoutId, :customerId, :email, now())
                """)
                .param("id", UUID.randomUUID()).param("discountId", discountId).param("checkoutId", checkoutId)
                .param("customerId", customerId).param("email", normalizedEmail)
                .update();
    }

    /** A transaction-scoped advisory lock on (discount, buyer email): no row exists to lock for a buyer. */
    void lockBuyer(UUID discountId, String normalizedEmail) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended(:key, 0))")
                .param("key", "discount-buyer:" + discountId + ":" + normalizedEmail).query(Object.class).single();
    }

    long countRedemptionsBy(UUID discountId, UUID customerId, String normalizedEmail, UUID excludingCheckoutId) {
        return jdbc.sql("""
                SELECT count(*) FROM discount_redemptions
                WHERE discount_id = :discountId AND checkout_id IS DISTINCT FROM :checkoutId
                  AND (customer_id = :customerId OR customer_email = :email)
                """)
                .param("discountId", discountId).param("checkoutId", excludingCheckoutId).param("customerId", customerId)
                .param("email", normalizedEmail)
                .query(Long.class).single();
    }

    int deleteRedemptionsOfCheckout(UUID checkoutId) {
        return jdbc.sql("DELETE FROM discount_redemptions WHERE checkout_id = :checkoutId").param("checkoutId", checkoutId).update();
    }

    long countRedemptions(UUID discountId) {
        return jdbc.sql("SELECT count(*) FROM discount_redemptions WHERE discount_id = :id").param("id", discountId)
                .query(Long.class).single();
    }

    /** Discounts by id, deleted ones included: a checkout keeps showing the discount it was given. */
    List<Discount> findAllByIds(UUID organizationId, Collection<UUID> ids) {
        List<Row> rows = jdbc.sql("SELECT d.* FROM discounts d WHERE d.organization_id = :organizationId AND d.id = ANY(:ids)")
                .param("organizationId", organizationId)
                .param("ids", ids.toArray(UUID[]::new))
                .query(DiscountRepository::mapRow).list();
        return assemble(rows);
    }

    /** Codes compare case-insensitively, among live discounts. */
    Optional<Discount> findByCode(UUID organizationId, String code) {
        return one("""
                SELECT d.* FROM discounts d
                WHERE d.organization_id = :organizationId AND upper(d.code) = upper(:code) AND d.deleted_at IS NULL
                """, Map.of("code", code, "organizationId", organizationId));
    }

    long count(ListFilter filter) {
        return jdbc.sql("SELECT count(*) FROM discounts d WHERE " + where(filter))
                .params(whereParams(filter))
                .query(Long.class).single();
    }

    List<Discount> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())));
        }
        order.add("d.id");
        List<Row> rows = jdbc.sql("""
                SELECT d.* FROM discounts d
                WHERE %s
                ORDER BY %s
                LIMIT :limit OFFSET :offset
                """.formatted(where(filter), String.join(", ", order)))
                .params(whereParams(filter))
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query(DiscountRepository::mapRow).list();
        return assemble(rows);
    }

    private static String where(ListFilter filter) {
        String clauses = "d.organization_id = :organizationId AND d.deleted_at IS NULL";
        if (filter.query() != null) {
            clauses += " AND (d.name ILIKE :query ESCAPE '\\' OR d.code ILIKE :query ESCAPE '\\')";
        }
        return clauses;
    }

    private static Map<String, Object> whereParams(ListFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organizationId", filter.organizationId());
        if (filter.query() != null) {
            params.put("query", dev.kassa.platform.db.LikePatterns.contains(filter.query()));
        }
        return params;
    }


    private Optional<Discount> one(String sql, Map<String, Object> params) {
        return jdbc.sql(sql).params(params).query(DiscountRepository::mapRow).optional()
                .map(row -> assemble(List.of(row)).getFirst());
    }

    private List<Discount> assemble(List<Row> rows) {
        Map<UUID, List<UUID>> products = productIds(rows.stream().map(Row::id).toList());
        return rows.stream().map(row -> row.toDiscount(products.getOrDefault(row.id(), List.of()))).toList();
    }

    private Map<UUID, List<UUID>> productIds(Collection<UUID> discountIds) {
        Map<UUID, List<UUID>> products = new LinkedHashMap<>();
        if (discountIds.isEmpty()) {
            return products;
        }
        jdbc.sql("""
                SELECT discount_id, product_id FROM discount_products
                WHERE discount_id = ANY(:ids) ORDER BY discount_id, position
                """)
                .param("ids", discountIds.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("discount_id", UUID.class), rs.getObject("product_id", UUID.class)))
                .list()
                .forEach(e -> products.computeIfAbsent(e.getKey(), id -> new ArrayList<>()).add(e.getValue()));
        return products;
    }

    /** The columns of one discount row, before its products are attached. */
    private record Row(UUID id, UUID organizationId, String name, Type type, Map<String, Long> amounts, String currency,
            Integer basisPoints, Duration duration, Integer durationInMonths, String code, Instant startsAt, Instant endsAt,
            Integer maxRedemptions, Integer maxRedemptionsPerCustomer, int redemptionsCount, Map<String, Object> metadata,
            Instant createdAt, Instant modifiedAt) {

        Discount toDiscount(List<UUID> productIds) {
            return switch (type) {
                case FIXED -> new Discount.Fixed(id, organizationId, name, code, duration, durationInMonths, amounts,
                        currency, startsAt, endsAt, maxRedemptions, maxRedemptionsPerCustomer, redemptionsCount, productIds,
                        metadata, createdAt, modifiedAt);
                case PERCENTAGE -> new Discount.Percentage(id, organizationId, name, code, duration, durationInMonths,
                        basisPoints, startsAt, endsAt, maxRedemptions, maxRedemptionsPerCustomer, redemptionsCount,
                        productIds, metadata, createdAt, modifiedAt);
            };
        }
    }

    private static Row mapRow(ResultSet rs, int n) throws SQLException {
        Map<String, Long> amounts = null;
        String rawAmounts = rs.getString("amounts");
        if (rawAmounts != null) {
            amounts = new LinkedHashMap<>();
            for (Map.Entry<String, Object> e : Json.readMap(rawAmounts).entrySet()) {
                amounts.put(e.getKey(), ((Number) e.getValue()).longValue());
            }
        }
        return new Row(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("name"),
                Type.fromWireName(rs.getString("type")),
                amounts,
                rs.getString("currency"),
                rs.getObject("basis_points", Integer.class),
                Duration.fromWireName(rs.getString("duration")),
                rs.getObject("duration_in_months", Integer.class),
                rs.getString("code"),
                instant(rs.getTimestamp("starts_at")),
                instant(rs.getTimestamp("ends_at")),
                rs.getObject("max_redemptions", Integer.class),
                rs.getObject("max_redemptions_per_customer", Integer.class),
                rs.getInt("redemptions_count"),
                Json.readMap(rs.getString("user_metadata")),
                rs.getTimestamp("created_at").toInstant(),
                instant(rs.getTimestamp("modified_at")));
    }

    private static Instant instant(Timestamp timestamp) {
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static Timestamp timestamp(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }
}
