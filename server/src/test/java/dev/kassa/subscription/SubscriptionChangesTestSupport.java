package dev.kassa.subscription;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.customer.CustomerService;
import dev.kassa.platform.json.Json;
import dev.kassa.product.Product.RecurringInterval;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ValidatableResponse;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A tenant with a monthly $9 product, a customer and an active subscription made as a checkout makes it, and a
 * webhook endpoint listening to every subscription and customer event from then on: {@link #events()} are the
 * events recorded since, in order.
 */
abstract class SubscriptionChangesTestSupport extends ApiTest {

    static final List<String> EVENTS = List.of("subscription.created", "subscription.updated", "subscription.active",
            "subscription.canceled", "subscription.uncanceled", "subscription.revoked", "customer.created",
            "customer.updated", "customer.deleted", "customer.state_changed");

    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    SubscriptionChanges changes;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;

    Tenant tenant;
    UUID productId;
    UUID priceId;
    Customer customer;
    Subscription subscription;

    @BeforeEach
    void subscribe() {
        tenant = data.tenant();
        var product = as(tenant).body(Map.of("name", "Pro plan", "recurring_interval", "month",
                        "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract();
        productId = UUID.fromString(product.path("id"));
        priceId = UUID.fromString(product.path("prices[0].id"));
        customer = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "sub@example.com", null));
        subscription = subscribe(customer);
        // Nothing listens on the discard port: deliveries fail and are retried, the recorded events stay.
        as(tenant).body(Map.of("url", "http://127.0.0.1:9/hooks", "format", "raw", "events", EVENTS))
                .post("/v1/webhooks/endpoints").then().statusCode(201);
    }

    Subscription subscribe(Customer owner) {
        return subscriptions.createForCheckout(new SubscriptionDraft(tenant.organizationId(), owner.id(), productId,
                priceId, null, UUID.randomUUID(), 900, "usd", RecurringInterval.MONTH, 1, null, Map.of(),
                Map.of("plan", "pro")));
    }

    ValidatableResponse patch(UUID id, Object body) {
        return as(tenant).body(body).patch("/v1/subscriptions/" + id).then();
    }

    ValidatableResponse portalPatch(String token, UUID id, Object body) {
        return anonymous().header("Authorization", "Bearer " + token).body(body)
                .patch("/v1/customer-portal/subscriptions/" + id).then();
    }

    ValidatableResponse portalDelete(String token, UUID id) {
        return anonymous().header("Authorization", "Bearer " + token).delete("/v1/customer-portal/subscriptions/" + id).then();
    }

    Map<String, Object> get(UUID id) {
        return as(tenant).get("/v1/subscriptions/" + id).then().statusCode(200).extract().jsonPath().getMap("");
    }

    /** The types of the events recorded for the tenant's endpoint since it was made, oldest first. */
    List<String> events() {
        return jdbc.sql("SELECT type FROM webhook_events WHERE organization_id = :org ORDER BY seq")
                .param("org", tenant.organizationId()).query(String.class).list();
    }

    /** The {@code data} of every recorded event of this type, oldest first. */
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> payloads(String type) {
        return jdbc.sql("SELECT payload FROM webhook_events WHERE organization_id = :org AND type = :type ORDER BY seq")
                .param("org", tenant.organizationId()).param("type", type).query(String.class).list().stream()
                .map(p -> (Map<String, Object>) Json.readMap(p).get("data")).toList();
    }

    /** Moves the subscription's period (and scheduled end, if any) into the past, as if it had run its course. */
    void periodPassed(UUID id) {
        Instant end = Instant.now().minusSeconds(60);
        jdbc.sql("""
                UPDATE subscriptions SET current_period_start = :start, current_period_end = :end,
                    ends_at = CASE WHEN ends_at IS NULL THEN NULL ELSE CAST(:end AS timestamptz) END
                WHERE id = :id
                """)
                .param("start", Timestamp.from(end.minusSeconds(30 * 86_400))).param("end", Timestamp.from(end))
                .param("id", id).update();
    }
}
