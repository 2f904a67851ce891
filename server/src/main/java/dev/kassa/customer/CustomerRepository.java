package dev.kassa.customer;

import dev.kassa.address.Address;
import dev.kassa.address.TaxIds.TaxId;
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
class CustomerRepository {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "c.created_at",
            "email", "c.email",
            "name", "c.name");

    private final JdbcClient jdbc;

    CustomerRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ListFilter(UUID organizationId, String email, String query) {
    }

    record SessionRow(UUID customerId, UUID organizationId) {
    }

    /** Inserts unless a live customer of the organization has the email (ignoring case) or the external ID. */
    boolean insertIfNoConflict(Customer customer) {
        return jdbc.sql("""
                INSERT INTO customers (id, organization_id, email, email_verified, name, billing_name, billing_address,
                                       tax_id, tax_id_format, locale, external_id, stripe_customer_id, user_metadata,
                                       created_at)
                VALUES (:id, :organizationId, :email, :emailVerified, :name, :billingName, CAST(:billingAddress AS jsonb),
                        :taxId, :taxIdFormat, :locale, :externalId, :stripeCustomerId, CAST(:metadata AS jsonb), :createdAt)
                ON CONFLICT DO NOTHING
                """)
                .param("id", customer.id())
                .param("organizationId", customer.organizationId())
                .param("email", customer.email())
                .param("emailVerified", customer.emailVerified())
                .param("name", customer.name())
                .param("billingName", customer.billingName())
                .param("billingAddress", address(customer.billingAddress()))
                .param("taxId", customer.taxId() == null ? null : customer.taxId().value())
                .param("taxIdFormat", customer.taxId() == null ? null : customer.taxId().format())
                .param("locale", customer.locale())
                .param("externalId", customer.externalId())
                .param("stripeCustomerId", customer.stripeCustomerId())
                .param("metadata", Json.write(customer.metadata()))
                .param("createdAt", Timestamp.from(customer.createdAt()))
                .update() == 1;
    }

    /** Writes every mutable column. */
    void update(Customer customer) {
        jdbc.sql("""
                UPDATE customers SET email = :email, email_verified = :emailVerified, name = :name,
                       billing_name = :billingName, billing_address = CAST(:billingAddress AS jsonb), tax_id = :taxId,
                       tax_id_format = :taxIdFormat, locale = :locale, external_id = :externalId,
                       stripe_customer_id = :stripeCustomerId, user_metadata = CAST(:metadata AS jsonb),
                       modified_at = :modifiedAt
                WHERE id = :id
                """)
                .param("id", customer.id())
                .param("email", customer.email())
                .param("emailVerified", customer.emailVerified())
                .param("name", customer.name())
                .param("billingName", customer.billingName())
                .param("billingAddress", address(customer.billingAddress()))
                .param("taxId", customer.taxId() == null ? null : customer.taxId().value())
                .param("taxIdFormat", customer.taxId() == null ? null : customer.taxId().format())
                .param("locale", customer.locale())
                .param("externalId", customer.externalId())
                .param("stripeCustomerId", customer.stripeCustomerId())
                .param("metadata", Json.write(customer.metadata()))
                .param("modifiedAt", Timestamp.from(customer.modifiedAt()))
                .update();
    }

    void softDelete(UUID id, Instant now) {
        jdbc.sql("UPDATE customers SET deleted_at = :now, modified_at = :now WHERE id = :id AND deleted_at IS NULL")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** Any customer with this id, deleted or not. */
    Optional<Customer> findById(UUID id) {
        return jdbc.sql("SELECT * FROM customers WHERE id = :id")
                .param("id", id).query(CustomerRepository::map).optional();
    }

    Optional<Customer> findLive(UUID organizationId, UUID id) {
        return jdbc.sql("SELECT * FROM customers WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL")
                .param("id", id).param("organizationId", organizationId).query(CustomerRepository::map).optional();
    }

    Optional<Customer> findLiveForUpdate(UUID organizationId, UUID id) {
        return jdbc.sql("""
                SELECT * FROM customers WHERE id = :id AND organization_id = :organizationId AND deleted_at IS NULL
                FOR UPDATE
                """)
                .param("id", id).param("organizationId", organizationId).query(CustomerRepository::map).optional();
    }

    Optional<Customer> lockById(UUID id) {
        return jdbc.sql("SELECT * FROM customers WHERE id = :id FOR UPDATE")
                .param("id", id).query(CustomerRepository::map).optional();
    }

    Optional<Customer> findByEmail(UUID organizationId, String email) {
        return jdbc.sql("""
                SELECT * FROM customers
                WHERE organization_id = :organizationId AND lower(email) = lower(:email) AND deleted_at IS NULL
                """)
                .param("organizationId", organizationId).param("email", email).query(CustomerRepository::map).optional();
    }

    Optional<Customer> findByExternalId(UUID organizationId, String externalId, boolean forUpdate) {
        return jdbc.sql("""
                SELECT * FROM customers
                WHERE organization_id = :organizationId AND external_id = :externalId AND deleted_at IS NULL
                """ + (forUpdate ? " FOR UPDATE" : ""))
                .param("organizationId", organizationId).param("externalId", externalId).query(CustomerRepository::map).optional();
    }

    /** The organization's customers with these ids, deleted ones included. */
    List<Customer> findAllByIds(UUID organizationId, Collection<UUID> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("SELECT * FROM customers WHERE organization_id = :organizationId AND id = ANY(:ids)")
                .param("organizationId", organizationId).param("ids", ids.toArray(UUID[]::new))
                .query(CustomerRepository::map).list();
    }

    long count(ListFilter filter) {
        return jdbc.sql("SELECT count(*) FROM customers c WHERE " + where(filter))
                .params(whereParams(filter)).query(Long.class).single();
    }

    List<Customer> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())) + " NULLS LAST");
        }
        order.add("c.id");
        return jdbc.sql("SELECT c.* FROM customers c WHERE " + where(filter) + " ORDER BY " + String.join(", ", order)
                        + " LIMIT :limit OFFSET :offset")
                .params(whereParams(filter))
                .param("limit", page.limit())
                .param("offset", page.offset())
                .query(CustomerRepository::map).list();
    }

    void insertSession(UUID id, UUID customerId, String tokenHash, Instant expiresAt, Instant createdAt, String returnUrl) {
        jdbc.sql("""
                INSERT INTO customer_sessions (id, customer_id, token_hash, expires_at, created_at, return_url)
                VALUES (:id, :customerId, :tokenHash, :expiresAt, :createdAt, :returnUrl)
                """)
                .param("returnUrl", returnUrl)
                .param("id", id)
                .param("customerId", customerId)
                .param("tokenHash", tokenHash)
                .param("expiresAt", Timestamp.from(expiresAt))
                .param("createdAt", Timestamp.from(createdAt))
                .update();
    }

    /** The live customer behind an unexpired session token hash. */
    Optional<SessionRow> findSession(String tokenHash, Instant now) {
        return jdbc.sql("""
                SELECT s.token_hash, c.id AS customer_id, c.organization_id FROM customer_sessions s
                JOIN customers c ON c.id = s.customer_id
                WHERE s.token_hash = :tokenHash AND s.expires_at > :now AND c.deleted_at IS NULL
                """)
                .param("tokenHash", tokenHash)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> Map.entry(rs.getString("token_hash"),
                        new SessionRow(rs.getObject("customer_id", UUID.class), rs.getObject("organization_id", UUID.class))))
                .optional()
                .filter(e -> dev.kassa.platform.crypto.Tokens.hashesEqual(e.getKey(), tokenHash))
                .map(Map.Entry::getValue);
    }

    private static String where(ListFilter filter) {
        List<String> clauses = new ArrayList<>();
        clauses.add("c.organization_id = :organizationId");
        clauses.add("c.deleted_at IS NULL");
        if (filter.email() != null) {
            clauses.add("lower(c.email) = lower(:email)");
        }
        if (filter.query() != null) {
            clauses.add("(c.email ILIKE :query ESCAPE '\\' OR c.name ILIKE :query ESCAPE '\\'"
                    + " OR c.billing_name ILIKE :query ESCAPE '\\' OR c.external_id LIKE :prefix ESCAPE '\\')");
        }
        return String.join(" AND ", clauses);
    }

    private static Map<String, Object> whereParams(ListFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("organizationId", filter.organizationId());
        if (filter.email() != null) {
            params.put("email", filter.email());
        }
        if (filter.query() != null) {
            params.put("query", dev.kassa.platform.db.LikePatterns.contains(filter.query()));
            params.put("prefix", dev.kassa.platform.db.LikePatterns.startsWith(filter.query()));
        }
        return params;
    }

    private static String address(Address address) {
        return address == null ? null : Json.write(address.toStorage());
    }

    private static Customer map(ResultSet rs, int row) throws SQLException {
        String address = rs.getString("billing_address");
        String taxId = rs.getString("tax_id");
        Timestamp modified = rs.getTimestamp("modified_at");
        Timestamp deleted = rs.getTimestamp("deleted_at");
        return new Customer(
                rs.getObject("id", UUID.class),
                rs.getObject("organization_id", UUID.class),
                rs.getString("email"),
                rs.getBoolean("email_verified"),
                rs.getString("name"),
                rs.getString("billing_name"),
                address == null ? null : Address.fromStorage(Json.readMap(address)),
                taxId == null ? null : new TaxId(taxId, rs.getString("tax_id_format")),
                rs.getString("locale"),
                rs.getString("external_id"),
                rs.getString("stripe_customer_id"),
                Json.readMap(rs.getString("user_metadata")),
                rs.getTimestamp("created_at").toInstant(),
                modified == null ? null : modified.toInstant(),
                deleted == null ? null : deleted.toInstant());
    }

    void setStripeCustomerId(UUID customerId, String stripeCustomerId, java.time.Instant now) {
        jdbc.sql("""
                UPDATE customers SET stripe_customer_id = :stripeCustomerId, modified_at = :now
                WHERE id = :id AND stripe_customer_id IS DISTINCT FROM :stripeCustomerId
                """)
                .param("id", customerId).param("stripeCustomerId", stripeCustomerId).param("now", java.sql.Timestamp.from(now))
                .update();
    }
}
