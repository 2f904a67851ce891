package dev.kassa.checkoutlink;

import dev.kassa.platform.json.Json;
import dev.kassa.platform.web.PageRequest;
import dev.kassa.platform.web.QueryParams.Sort;
import java.sql.Array;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CheckoutLinkRepository {

    static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "l.created_at",
            "label", "l.label",
            "success_url", "l.success_url",
            "allow_discount_codes", "l.allow_discount_codes");

    /** The link's product ids in order, as a uuid[] column. */
    private static final String PRODUCT_IDS = """
            ARRAY(SELECT p.product_id FROM checkout_link_products p WHERE p.checkout_link_id = l.id ORDER BY p.position) AS product_ids
            """;

    private final JdbcClient jdbc;

    CheckoutLinkRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ListFilter(UUID organizationId, List<UUID> productIds) {
    }

    void insert(CheckoutLink link) {
        jdbc.sql("""
                INSERT INTO checkout_links (id, organization_id, client_secret, payment_processor, label, allow_discount_codes,
                                            require_billing_address, discount_id, success_url, return_url, trial_interval,
                                            trial_interval_count, metadata, created_at)
                VALUES (:id, :organizationId, :clientSecret, :paymentProcessor, :label, :allowDiscountCodes,
                        :requireBillingAddress, :discountId, :successUrl, :returnUrl, :trialInterval,
                        :trialIntervalCount, CAST(:metadata AS jsonb), :createdAt)
                """)
                .params(columns(link))
                .param("organizationId", link.organizationId())
                .param("clientSecret", link.clientSecret())
                .param("paymentProcessor", link.paymentProcessor())
                .param("createdAt", Timestamp.from(link.createdAt()))
                .update();
        replaceProducts(link.id(), link.productIds());
    }

    void update(CheckoutLink link) {
        jdbc.sql("""
                UPDATE checkout_links SET label = :label, allow_discount_codes = :allowDiscountCodes,
                       require_billing_address = :requireBillingAddress, discount_id = :discountId, success_url = :successUrl,
                       return_url = :returnUrl, trial_interval = :trialInterval, trial_interval_count = :trialIntervalCount,
                       metadata = CAST(:metadata AS jsonb), modified_at = :modifiedAt
                WHERE id = :id
                """)
                .params(columns(link))
                .param("modifiedAt", Timestamp.from(link.modifiedAt()))
                .update();
    }

    void replaceProducts(UUID linkId, List<UUID> productIds) {
        jdbc.sql("DELETE FROM checkout_link_products WHERE checkout_link_id = :id").param("id", linkId).update();
        for (int i = 0; i < productIds.size(); i++) {
            jdbc.sql("INSERT INTO checkout_link_products (checkout_link_id, product_id, position) VALUES (:id, :product, :position)")
                    .param("id", linkId).param("product", productIds.get(i)).param("position", i).update();
        }
    }

    void softDelete(UUID id, Instant now) {
        jdbc.sql("UPDATE checkout_links SET deleted_at = :now WHERE id = :id")
                .param("now", Timestamp.from(now)).param("id", id).update();
    }

    Optional<CheckoutLink> findById(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT l.*, " + PRODUCT_IDS + """
                FROM checkout_links l WHERE l.organization_id = :organizationId AND l.id = :id AND l.deleted_at IS NULL
                """)
                .param("organizationId", organizationId).param("id", id)
                .query(CheckoutLinkRepository::map).optional();
    }

    /** Serializes updates and deletes of one link. */
    Optional<CheckoutLink> findByIdForUpdate(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT l.*, " + PRODUCT_IDS + """
                FROM checkout_links l WHERE l.organization_id = :organizationId AND l.id = :id AND l.deleted_at IS NULL
                FOR UPDATE OF l
                """)
                .param("organizationId", organizationId).param("id", id)
                .query(CheckoutLinkRepository::map).optional();
    }

    Optional<CheckoutLink> findByClientSecret(String clientSecret) {
        return jdbc.sql("SELECT l.*, " + PRODUCT_IDS + " FROM checkout_links l WHERE l.client_secret = :secret AND l.deleted_at IS NULL")
                .param("secret", clientSecret)
                .query(CheckoutLinkRepository::map).optional();
    }

    long count(ListFilter filter) {
        return jdbc.sql("SELECT count(*) FROM checkout_links l WHERE " + where(filter)).params(whereParams(filter))
                .query(Long.class).single();
    }

    List<CheckoutLink> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())));
        }
        order.add("l.id");
        Map<String, Object> params = new HashMap<>(whereParams(filter));
        params.put("limit", page.limit());
        params.put("offset", page.offset());
        return jdbc.sql("SELECT l.*, " + PRODUCT_IDS + " FROM checkout_links l WHERE " + where(filter)
                        + " ORDER BY " + String.join(", ", order) + " LIMIT :limit OFFSET :offset")
                .params(params)
                .query(CheckoutLinkRepository::map).list();
    }

    private static String where(ListFilter filter) {
        String where = "l.organization_id = :organizationId AND l.deleted_at IS NULL";
        if (!filter.productIds().isEmpty()) {
            where += " AND EXISTS (SELECT 1 FROM checkout_link_products p WHERE p.checkout_link_id = l.id"
                    + " AND p.product_id = ANY(:productIds))";
        }
        return where;
    }

    private static Map<String, Object> whereParams(ListFilter filter) {
        Map<String, Object> params = new HashMap<>();
        params.put("organizationId", filter.organizationId());
        if (!filter.productIds().isEmpty()) {
            params.put("productIds", filter.productIds().toArray(UUID[]::new));
        }
        return params;
    }

    private static Map<String, Object> columns(CheckoutLink link) {
        Map<String, Object> params = new HashMap<>();
        params.put("id", link.id());
        params.put("label", link.label());
        params.put("allowDiscountCodes", link.allowDiscountCodes());
        params.put("requireBillingAddress", link.requireBillingAddress());
        params.put("discountId", link.discountId());
        params.put("successUrl", link.successUrl());
        params.put("returnUrl", link.returnUrl());
        params.put("trialInterval", link.trialInterval());
        params.put("trialIntervalCount", link.trialIntervalCount());
        params.put("metadata", Json.write(link.metadata()));
        return params;
    }

    private static CheckoutLink map(ResultSet rs, int row) throws SQLException {
        Array products = rs.getArray("product_ids");
        List<UUID> productIds = products == null ? List.of() : Arrays.asList((UUID[]) products.getArray());
        Timestamp modified = rs.getTimestamp("modified_at");
        return new CheckoutLink(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class),
                rs.getString("client_secret"), rs.getString("payment_processor"), rs.getString("label"),
                rs.getBoolean("allow_discount_codes"), rs.getBoolean("require_billing_address"),
                rs.getObject("discount_id", UUID.class), rs.getString("success_url"), rs.getString("return_url"),
                rs.getString("trial_interval"), (Integer) rs.getObject("trial_interval_count"), Json.readMap(rs.getString("metadata")),
                productIds, rs.getTimestamp("created_at").toInstant(), modified == null ? null : modified.toInstant());
    }
}
