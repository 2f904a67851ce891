package dev.kassa.checkout;

import dev.kassa.address.Address;
import dev.kassa.platform.db.LockNotAvailable;
import dev.kassa.platform.db.SqlWhere;
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
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class CheckoutRepository {

    private static final Map<String, String> SORT_COLUMNS = Map.of(
            "created_at", "c.created_at",
            "expires_at", "c.expires_at",
            "status", "c.status");

    private final JdbcClient jdbc;

    CheckoutRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    record ListFilter(UUID organizationId, List<UUID> productIds, List<UUID> customerIds, List<String> statuses,
            List<String> externalCustomerIds, String query) {
    }

    void insert(CheckoutRow row) {
        jdbc.sql("""
                INSERT INTO checkouts (id, organization_id, status, client_secret, expires_at, payment_processor_metadata,
                    payment_method_type, return_url, success_url, embed_origin, locale, allow_discount_codes,
                    require_billing_address, allow_trial, trial_interval, trial_interval_count, trial_end, product_id,
                    product_price_id, discount_id, currency, amount, custom_amount, discount_amount, net_amount, tax_amount,
                    tax_behavior, tax_processor_id, tax_breakdown, tax_inputs_hash, customer_id, customer_link, external_customer_id,
                    is_business_customer, customer_name, customer_email, customer_ip_address, customer_billing_name,
                    customer_billing_address, customer_tax_id, customer_tax_id_format, customer_metadata, user_metadata,
                    custom_field_data, subscription_id, created_at, modified_at)
                VALUES (:id, :organizationId, :status, :clientSecret, :expiresAt, CAST(:paymentProcessorMetadata AS jsonb),
                    :paymentMethodType, :returnUrl, :successUrl, :embedOrigin, :locale, :allowDiscountCodes,
                    :requireBillingAddress, :allowTrial, :trialInterval, :trialIntervalCount, :trialEnd, :productId,
                    :productPriceId, :discountId, :currency, :amount, :customAmount, :discountAmount, :netAmount, :taxAmount,
                    :taxBehavior, :taxProcessorId, CAST(:taxBreakdown AS jsonb), :taxInputsHash, :customerId, :customerLink, :externalCustomerId,
                    :businessCustomer, :customerName, :customerEmail, :customerIpAddress, :customerBillingName,
                    CAST(:customerBillingAddress AS jsonb), :customerTaxId, :customerTaxIdFormat, CAST(:customerMetadata AS jsonb),
                    CAST(:metadata AS jsonb), CAST(:customFieldData AS jsonb), :subscriptionId, :createdAt, :modifiedAt)
                """)
                .params(params(row))
                .update();
        for (int position = 0; position < row.productIds.size(); position++) {
            jdbc.sql("INSERT INTO checkout_products (checkout_id, product_id, position) VALUES (:checkoutId, :productId, :position)")
                    .param("checkoutId", row.id).param("productId", row.productIds.get(position)).param("position", position)
                    .update();
        }
    }

    /** Saves every mutable column; the product list of a checkout never changes after creation. */
    void update(CheckoutRow row) {
        jdbc.sql("""
                UPDATE checkouts SET status = :status, expires_at = :expiresAt,
                    payment_processor_metadata = CAST(:paymentProcessorMetadata AS jsonb), payment_method_type = :paymentMethodType,
                    return_url = :returnUrl, success_url = :successUrl, embed_origin = :embedOrigin, locale = :locale,
                    allow_discount_codes = :allowDiscountCodes, require_billing_address = :requireBillingAddress,
                    allow_trial = :allowTrial, trial_interval = :trialInterval, trial_interval_count = :trialIntervalCount,
                    trial_end = :trialEnd, product_id = :productId, product_price_id = :productPriceId, discount_id = :discountId,
                    currency = :currency, amount = :amount, custom_amount = :customAmount, discount_amount = :discountAmount,
                    net_amount = :netAmount, tax_amount = :taxAmount, tax_behavior = :taxBehavior,
                    tax_processor_id = :taxProcessorId, tax_breakdown = CAST(:taxBreakdown AS jsonb),
                    tax_inputs_hash = :taxInputsHash, customer_id = :customerId, customer_link = :customerLink,
                    external_customer_id = :externalCustomerId,
                    is_business_customer = :businessCustomer, customer_name = :customerName, customer_email = :customerEmail,
                    customer_ip_address = :customerIpAddress, customer_billing_name = :customerBillingName,
                    customer_billing_address = CAST(:customerBillingAddress AS jsonb), customer_tax_id = :customerTaxId,
                    customer_tax_id_format = :customerTaxIdFormat, customer_metadata = CAST(:customerMetadata AS jsonb),
                    user_metadata = CAST(:metadata AS jsonb), custom_field_data = CAST(:customFieldData AS jsonb),
                    subscription_id = :subscriptionId, modified_at = :modifiedAt
                WHERE id = :id
                """)
                .params(params(row))
                .update();
    }

    Optional<CheckoutRow> findById(UUID organizationId, UUID id) {
        return one("SELECT c.*, " + PRODUCT_IDS + " FROM checkouts c WHERE c.id = :id AND c.organization_id = :organizationId",
                Map.of("id", id, "organizationId", organizationId));
    }

    Optional<CheckoutRow> findByClientSecret(String clientSecret) {
        return one("SELECT c.*, " + PRODUCT_IDS + " FROM checkouts c WHERE c.client_secret = :secret", Map.of("secret", clientSecret));
    }

    /**
     * Takes the checkout's row lock without waiting: a checkout being updated or confirmed elsewhere makes this
     * request fail fast with 409 rather than queue behind a payment.
     */
    Optional<CheckoutRow> findByIdForUpdateNowait(UUID organizationId, UUID id) {
        return lockNowait("SELECT c.*, " + PRODUCT_IDS + " FROM checkouts c WHERE c.id = :id AND c.organization_id = :organizationId FOR UPDATE OF c NOWAIT",
                Map.of("id", id, "organizationId", organizationId));
    }

    /**
     * Waits for the checkout's row lock: payment events use it, so that an event arriving while the confirm is
     * still running is handled after the confirm commits, on the state it left.
     */
    Optional<CheckoutRow> findByIdForUpdate(UUID id) {
        return one("SELECT c.*, " + PRODUCT_IDS + " FROM checkouts c WHERE c.id = :id FOR UPDATE OF c", Map.of("id", id));
    }

    /** Checkouts confirmed before {@code before} and still waiting for their payment's outcome. */
    List<UUID> confirmedBefore(Instant before, int limit) {
        return jdbc.sql("SELECT id FROM checkouts WHERE status = 'confirmed' AND modified_at < :before ORDER BY modified_at LIMIT :limit")
                .param("before", Timestamp.from(before)).param("limit", limit).query(UUID.class).list();
    }

    /** The products of the customer's other checkouts whose payment is under way ({@code confirmed}). */
    List<UUID> productsPayingFor(UUID customerId, UUID excludedCheckoutId) {
        return jdbc.sql("""
                SELECT product_id FROM checkouts
                WHERE customer_id = :customerId AND status = 'confirmed' AND id <> :excluded AND product_id IS NOT NULL
                """)
                .param("customerId", customerId).param("excluded", excludedCheckoutId).query(UUID.class).list();
    }

    void touchIfConfirmed(UUID id, Instant now) {
        jdbc.sql("UPDATE checkouts SET modified_at = :now WHERE id = :id AND status = 'confirmed'")
                .param("id", id).param("now", Timestamp.from(now)).update();
    }

    /** As {@link #findByIdForUpdateNowait}, by client secret. */
    Optional<CheckoutRow> findByClientSecretForUpdateNowait(String clientSecret) {
        return lockNowait("SELECT c.*, " + PRODUCT_IDS + " FROM checkouts c WHERE c.client_secret = :secret FOR UPDATE OF c NOWAIT",
                Map.of("secret", clientSecret));
    }

    private Optional<CheckoutRow> lockNowait(String sql, Map<String, Object> params) {
        try {
            return one(sql, params);
        } catch (DataAccessException e) {
            throw LockNotAvailable.isLockNotAvailable(e) ? new LockNotAvailable(e) : e;
        }
    }

    /**
     * Moves up to {@code limit} open checkouts past their expiry to {@code expired}. Rows another node is
     * working on (locked) are skipped, so several nodes can run this at once without blocking or double work.
     */
    List<UUID> expireDue(Instant now, int limit) {
        return jdbc.sql("""
                UPDATE checkouts SET status = 'expired', modified_at = :now
                WHERE id IN (
                    SELECT id FROM checkouts WHERE status = 'open' AND expires_at <= :now
                    ORDER BY expires_at LIMIT :limit FOR UPDATE SKIP LOCKED)
                RETURNING id
                """)
                .param("now", Timestamp.from(now))
                .param("limit", limit)
                .query(UUID.class).list();
    }

    /** The organization of each of these checkouts (for the webhook events of a batch the expiry job expired). */
    Map<UUID, UUID> organizationsOf(List<UUID> ids) {
        Map<UUID, UUID> organizations = new LinkedHashMap<>();
        if (ids.isEmpty()) {
            return organizations;
        }
        jdbc.sql("SELECT id, organization_id FROM checkouts WHERE id = ANY(:ids) ORDER BY expires_at, id")
                .param("ids", ids.toArray(UUID[]::new))
                .query((rs, n) -> Map.entry(rs.getObject("id", UUID.class), rs.getObject("organization_id", UUID.class)))
                .list().forEach(e -> organizations.put(e.getKey(), e.getValue()));
        return organizations;
    }

    long count(ListFilter filter) {
        return jdbc.sql("SELECT count(*) FROM checkouts c WHERE " + where(filter)).params(whereParams(filter)).query(Long.class).single();
    }

    List<CheckoutRow> list(ListFilter filter, PageRequest page, List<Sort> sorting) {
        List<String> order = new ArrayList<>();
        for (Sort sort : sorting) {
            order.add(sort.sql(SORT_COLUMNS.get(sort.property())));
        }
        order.add("c.id");
        Map<String, Object> params = new LinkedHashMap<>(whereParams(filter));
        params.put("limit", page.limit());
        params.put("offset", page.offset());
        return jdbc.sql("SELECT c.*, " + PRODUCT_IDS + " FROM checkouts c WHERE " + where(filter)
                        + " ORDER BY " + String.join(", ", order) + " LIMIT :limit OFFSET :offset")
                .params(params)
                .query(CheckoutRepository::map).list();
    }

    private static final String PRODUCT_IDS =
            "ARRAY(SELECT cp.product_id FROM checkout_products cp WHERE cp.checkout_id = c.id ORDER BY cp.position) AS product_ids";

    private static String where(ListFilter filter) {
        return conditions(filter).sql();
    }

    private static Map<String, Object> whereParams(ListFilter filter) {
        return conditions(filter).params();
    }

    private static SqlWhere conditions(ListFilter filter) {
        return SqlWhere.of("c.organization_id = :organizationId", "organizationId", filter.organizationId())
                .andAny("c.product_id", "productIds", filter.productIds())
                .andAny("c.customer_id", "customerIds", filter.customerIds())
                .andAny("c.status", "statuses", filter.statuses())
                .andAny("c.external_customer_id", "externalCustomerIds", filter.externalCustomerIds())
                .andContains("c.customer_email ILIKE :query ESCAPE '\\'", "query", filter.query());
    }

    private Optional<CheckoutRow> one(String sql, Map<String, Object> params) {
        return jdbc.sql(sql).params(params).query(CheckoutRepository::map).optional();
    }

    private static Map<String, Object> params(CheckoutRow row) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("id", row.id);
        p.put("organizationId", row.organizationId);
        p.put("status", row.status.wireName());
        p.put("clientSecret", row.clientSecret);
        p.put("expiresAt", ts(row.expiresAt));
        p.put("paymentProcessorMetadata", Json.write(row.paymentProcessorMetadata));
        p.put("paymentMethodType", row.paymentMethodType);
        p.put("returnUrl", row.returnUrl);
        p.put("successUrl", row.successUrl);
        p.put("embedOrigin", row.embedOrigin);
        p.put("locale", row.locale);
        p.put("allowDiscountCodes", row.allowDiscountCodes);
        p.put("requireBillingAddress", row.requireBillingAddress);
        p.put("allowTrial", row.allowTrial);
        p.put("trialInterval", row.trialInterval);
        p.put("trialIntervalCount", row.trialIntervalCount);
        p.put("trialEnd", ts(row.trialEnd));
        p.put("productId", row.productId);
        p.put("productPriceId", row.productPriceId);
        p.put("discountId", row.discountId);
        p.put("currency", row.currency);
        p.put("amount", row.amount);
        p.put("customAmount", row.customAmount);
        p.put("discountAmount", row.discountAmount);
        p.put("netAmount", row.netAmount);
        p.put("taxAmount", row.taxAmount);
        p.put("taxBehavior", row.taxBehavior);
        p.put("taxProcessorId", row.taxProcessorId);
        p.put("taxBreakdown", row.taxBreakdown);
        p.put("taxInputsHash", row.taxInputsHash);
        p.put("customerId", row.customerId);
        p.put("customerLink", row.customerLink);
        p.put("externalCustomerId", row.externalCustomerId);
        p.put("businessCustomer", row.businessCustomer);
        p.put("customerName", row.customerName);
        p.put("customerEmail", row.customerEmail);
        p.put("customerIpAddress", row.customerIpAddress);
        p.put("customerBillingName", row.customerBillingName);
        p.put("customerBillingAddress", row.customerBillingAddress == null ? null : Json.write(row.customerBillingAddress.toStorage()));
        p.put("customerTaxId", row.customerTaxId);
        p.put("customerTaxIdFormat", row.customerTaxIdFormat);
        p.put("customerMetadata", Json.write(row.customerMetadata));
        p.put("metadata", Json.write(row.metadata));
        p.put("customFieldData", Json.write(row.customFieldData));
        p.put("subscriptionId", row.subscriptionId);
        p.put("createdAt", ts(row.createdAt));
        p.put("modifiedAt", ts(row.modifiedAt));
        return p;
    }

    private static Timestamp ts(Instant instant) {
        return instant == null ? null : Timestamp.from(instant);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp timestamp = rs.getTimestamp(column);
        return timestamp == null ? null : timestamp.toInstant();
    }

    private static CheckoutRow map(ResultSet rs, int rowNumber) throws SQLException {
        CheckoutRow row = new CheckoutRow();
        row.id = rs.getObject("id", UUID.class);
        row.organizationId = rs.getObject("organization_id", UUID.class);
        row.status = CheckoutStatus.fromWireName(rs.getString("status"));
        row.clientSecret = rs.getString("client_secret");
        row.expiresAt = instant(rs, "expires_at");
        row.paymentProcessorMetadata = Json.readMap(rs.getString("payment_processor_metadata"));
        row.paymentMethodType = rs.getString("payment_method_type");
        row.returnUrl = rs.getString("return_url");
        row.successUrl = rs.getString("success_url");
        row.embedOrigin = rs.getString("embed_origin");
        row.locale = rs.getString("locale");
        row.allowDiscountCodes = rs.getBoolean("allow_discount_codes");
        row.requireBillingAddress = rs.getBoolean("require_billing_address");
        row.allowTrial = rs.getBoolean("allow_trial");
        row.trialInterval = rs.getString("trial_interval");
        row.trialIntervalCount = rs.getObject("trial_interval_count", Integer.class);
        row.trialEnd = instant(rs, "trial_end");
        row.productId = rs.getObject("product_id", UUID.class);
        row.productPriceId = rs.getObject("product_price_id", UUID.class);
        row.discountId = rs.getObject("discount_id", UUID.class);
        row.currency = rs.getString("currency");
        row.amount = rs.getLong("amount");
        row.customAmount = rs.getObject("custom_amount", Long.class);
        row.discountAmount = rs.getLong("discount_amount");
        row.netAmount = rs.getLong("net_amount");
        row.taxAmount = rs.getObject("tax_amount", Long.class);
        row.taxBehavior = rs.getString("tax_behavior");
        row.taxProcessorId = rs.getString("tax_processor_id");
        row.taxBreakdown = rs.getString("tax_breakdown");
        row.taxInputsHash = rs.getString("tax_inputs_hash");
        row.customerId = rs.getObject("customer_id", UUID.class);
        row.customerLink = rs.getString("customer_link");
        row.externalCustomerId = rs.getString("external_customer_id");
        row.businessCustomer = rs.getBoolean("is_business_customer");
        row.customerName = rs.getString("customer_name");
        row.customerEmail = rs.getString("customer_email");
        row.customerIpAddress = rs.getString("customer_ip_address");
        row.customerBillingName = rs.getString("customer_billing_name");
        String address = rs.getString("customer_billing_address");
        row.customerBillingAddress = address == null ? null : Address.fromStorage(Json.readMap(address));
        row.customerTaxId = rs.getString("customer_tax_id");
        row.customerTaxIdFormat = rs.getString("customer_tax_id_format");
        row.customerMetadata = Json.readMap(rs.getString("customer_metadata"));
        row.metadata = Json.readMap(rs.getString("user_metadata"));
        row.customFieldData = Json.readMap(rs.getString("custom_field_data"));
        row.subscriptionId = rs.getObject("subscription_id", UUID.class);
        row.createdAt = instant(rs, "created_at");
        row.modifiedAt = instant(rs, "modified_at");
        UUID[] productIds = (UUID[]) rs.getArray("product_ids").getArray();
        row.productIds = new ArrayList<>(List.of(productIds));
        return row;
    }
}
