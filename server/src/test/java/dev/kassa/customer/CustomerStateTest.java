package dev.kassa.customer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.auth.Scope;
import dev.kassa.product.Product.RecurringInterval;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionDraft;
import dev.kassa.subscription.SubscriptionService;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** {@code GET /v1/customers/{id}/state} and {@code /v1/customers/external/{external_id}/state}: Polar's CustomerState. */
class CustomerStateTest extends ApiTest {

    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private UUID productId;
    private UUID priceId;

    @BeforeEach
    void setUp() {
        tenant = data.tenant();
        var product = as(tenant).body(Map.of("name", "Pro plan", "recurring_interval", "month",
                        "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract();
        productId = UUID.fromString(product.path("id"));
        priceId = UUID.fromString(product.path("prices[0].id"));
    }

    private String customer(String email, String externalId) {
        Map<String, Object> body = externalId == null ? Map.of("email", email) : Map.of("email", email, "external_id", externalId);
        return as(tenant).body(body).post("/v1/customers/").then().statusCode(201).extract().path("id");
    }

    private Subscription subscribe(String customerId, Instant trialEnd) {
        return subscriptions.createForCheckout(new SubscriptionDraft(tenant.organizationId(), UUID.fromString(customerId),
                productId, priceId, null, UUID.randomUUID(), 900, "usd", RecurringInterval.MONTH, 1, trialEnd,
                Map.of("company", "ACME"), Map.of("plan", "pro")));
    }

    @Test
    void aCustomerWithoutSubscriptionsHasEmptyLists() {
        String id = customer("empty@example.com", null);
        Map<String, Object> customer = as(tenant).get("/v1/customers/" + id).then().statusCode(200).extract().jsonPath().getMap("");

        Map<String, Object> state = as(tenant).get("/v1/customers/" + id + "/state").then().statusCode(200)
                .body("active_subscriptions", hasSize(0))
                .body("granted_benefits", hasSize(0))
                .body("active_meters", hasSize(0))
                .extract().jsonPath().getMap("");
        // Every field of the Customer, with the same values, plus the three lists.
        assertThat(state).containsAllEntriesOf(customer);
        assertThat(state.keySet()).hasSize(customer.size() + 3);
    }

    @Test
    void activeAndTrialingSubscriptionsAreListedOthersAreNot() {
        String id = customer("subscriber@example.com", "ext-1");
        Subscription active = subscribe(id, null);
        Subscription trialing = subscribe(id, Instant.now().plus(14, ChronoUnit.DAYS));
        Subscription canceled = subscribe(id, null);
        jdbc.sql("UPDATE subscriptions SET status = 'canceled' WHERE id = :id").param("id", canceled.id()).update();
        subscribe(customer("someone-else@example.com", null), null);

        as(tenant).get("/v1/customers/" + id + "/state").then().statusCode(200)
                .body("id", equalTo(id))
                .body("email", equalTo("subscriber@example.com"))
                .body("active_subscriptions.id", contains(active.id().toString(), trialing.id().toString()))
                .body("active_subscriptions.status", contains("active", "trialing"))
                .body("active_subscriptions[0].amount", equalTo(900))
                .body("active_subscriptions[0].currency", equalTo("usd"))
                .body("active_subscriptions[0].recurring_interval", equalTo("month"))
                .body("active_subscriptions[0].product_id", equalTo(productId.toString()))
                .body("active_subscriptions[0].price_id", equalTo(priceId.toString()))
                .body("active_subscriptions[0].discount_id", nullValue())
                .body("active_subscriptions[0].cancel_at_period_end", equalTo(false))
                .body("active_subscriptions[0].canceled_at", nullValue())
                .body("active_subscriptions[0].ends_at", nullValue())
                .body("active_subscriptions[0].trial_start", nullValue())
                .body("active_subscriptions[0].metadata", equalTo(Map.of("plan", "pro")))
                .body("active_subscriptions[0].custom_field_data", equalTo(Map.of("company", "ACME")))
                .body("active_subscriptions[0].meters", hasSize(0))
                .body("active_subscriptions[0].seats", nullValue())
                .body("active_subscriptions[0].units", nullValue())
                .body("active_subscriptions[1].trial_end", org.hamcrest.Matchers.notNullValue());

        as(tenant).get("/v1/customers/external/ext-1/state").then().statusCode(200)
                .body("id", equalTo(id))
                .body("external_id", equalTo("ext-1"))
                .body("active_subscriptions", hasSize(2));
    }

    @Test
    void theSubscriptionHasEveryFieldOfPolarsCustomerStateSubscription() {
        String id = customer("fields@example.com", null);
        subscribe(id, null);
        Map<String, Object> subscription = as(tenant).get("/v1/customers/" + id + "/state").then().statusCode(200)
                .extract().jsonPath().getMap("active_subscriptions[0]");
        assertThat(subscription.keySet()).containsExactlyInAnyOrder("id", "created_at", "modified_at", "custom_field_data",
                "metadata", "status", "amount", "currency", "recurring_interval", "current_period_start",
                "current_period_end", "trial_start", "trial_end", "cancel_at_period_end", "canceled_at", "started_at",
                "ends_at", "product_id", "discount_id", "price_id", "meters", "seats", "units");
    }

    @Test
    void unknownDeletedAndForeignCustomersAreNotFound() {
        as(tenant).get("/v1/customers/" + UUID.randomUUID() + "/state").then().statusCode(404)
                .body("error", equalTo("ResourceNotFound")).body("detail", equalTo("Not found"));
        as(tenant).get("/v1/customers/external/nobody/state").then().statusCode(404)
                .body("error", equalTo("ResourceNotFound"));

        String foreign = customer("foreign@example.com", "foreign-1");
        Tenant other = data.tenant();
        as(other).get("/v1/customers/" + foreign + "/state").then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        as(other).get("/v1/customers/external/foreign-1/state").then().statusCode(404);

        String deleted = customer("deleted@example.com", "deleted-1");
        as(tenant).delete("/v1/customers/" + deleted).then().statusCode(204);
        as(tenant).get("/v1/customers/" + deleted + "/state").then().statusCode(404);
        as(tenant).get("/v1/customers/external/deleted-1/state").then().statusCode(404);
    }

    @Test
    void aNonUuidIdIsA422OnThePath() {
        as(tenant).get("/v1/customers/not-a-uuid/state").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("path", "id")));
    }

    /** As in Polar, where {@code /external/{external_id}} is declared before {@code /{id}/state}. */
    @Test
    void anExternalIdCalledStateIsACustomerNotAState() {
        String id = customer("state@example.com", "state");
        as(tenant).get("/v1/customers/external/state").then().statusCode(200).body("id", equalTo(id));
    }

    @Test
    void readingTheStateNeedsACustomersScope() {
        String id = customer("scoped@example.com", "scoped-1");
        as(data.withScopes(tenant, Set.of(Scope.CUSTOMERS_READ))).get("/v1/customers/" + id + "/state").then().statusCode(200);
        as(data.withScopes(tenant, Set.of(Scope.CUSTOMERS_WRITE))).get("/v1/customers/external/scoped-1/state").then().statusCode(200);
        as(data.withScopes(tenant, Set.of(Scope.PRODUCTS_READ))).get("/v1/customers/" + id + "/state").then().statusCode(403)
                .body("error", equalTo("insufficient_scope"));
        anonymous().get("/v1/customers/" + id + "/state").then().statusCode(401).body("error", equalTo("Unauthorized"));
    }
}
