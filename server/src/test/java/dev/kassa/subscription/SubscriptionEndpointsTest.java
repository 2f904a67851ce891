package dev.kassa.subscription;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.auth.Scope;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.customer.CustomerService;
import dev.kassa.product.Product.RecurringInterval;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class SubscriptionEndpointsTest extends ApiTest {

    @Autowired
    SubscriptionService subscriptions;
    @Autowired
    CustomerService customers;
    @Autowired
    JdbcClient jdbc;

    private Tenant tenant;
    private UUID productId;
    private UUID priceId;
    private Customer customer;

    @BeforeEach
    void setUp() {
        tenant = data.tenant();
        var product = as(tenant).body(Map.of("name", "Pro plan", "recurring_interval", "month",
                        "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract();
        productId = UUID.fromString(product.path("id"));
        priceId = UUID.fromString(product.path("prices[0].id"));
        customer = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "sub@example.com", null));
    }

    private SubscriptionDraft draft(UUID checkoutId, UUID customerId, Instant trialEnd) {
        return new SubscriptionDraft(tenant.organizationId(), customerId, productId, priceId, null, checkoutId, 900, "usd",
                RecurringInterval.MONTH, 1, trialEnd, Map.of("company", "ACME"), Map.of("plan", "pro"));
    }

    @Test
    void createActive() {
        Subscription s = subscriptions.createForCheckout(draft(UUID.randomUUID(), customer.id(), null));
        assertThat(s.status()).isEqualTo(Subscription.Status.ACTIVE);
        assertThat(s.currentPeriodEnd()).isEqualTo(SubscriptionService.periodEnd(s.currentPeriodStart(), RecurringInterval.MONTH, 1));
        as(tenant).get("/v1/subscriptions/" + s.id()).then().statusCode(200)
                .body("status", equalTo("active"))
                .body("amount", equalTo(900))
                .body("recurring_interval", equalTo("month"))
                .body("cancel_at_period_end", equalTo(false))
                .body("customer.email", equalTo("sub@example.com"))
                .body("product.id", equalTo(productId.toString()))
                .body("product.prices", hasSize(1))
                .body("prices[0].id", equalTo(priceId.toString()))
                .body("discount", nullValue())
                .body("meters", hasSize(0))
                .body("metadata", equalTo(Map.of("plan", "pro")))
                .body("custom_field_data", equalTo(Map.of("company", "ACME")));
        as(data.tenant()).get("/v1/subscriptions/" + s.id()).then().statusCode(404);
    }

    @Test
    void trialing() {
        Instant trialEnd = Instant.now().plus(14, ChronoUnit.DAYS).truncatedTo(ChronoUnit.MICROS);
        Subscription s = subscriptions.createForCheckout(draft(UUID.randomUUID(), customer.id(), trialEnd));
        assertThat(s.status()).isEqualTo(Subscription.Status.TRIALING);
        assertThat(s.currentPeriodEnd()).isEqualTo(trialEnd);
        assertThat(s.trialStart()).isEqualTo(s.currentPeriodStart());
    }

    @Test
    void calendarPeriods() {
        Instant jan31 = Instant.parse("2025-01-31T10:00:00Z");
        assertThat(SubscriptionService.periodEnd(jan31, RecurringInterval.MONTH, 1)).isEqualTo(Instant.parse("2025-02-28T10:00:00Z"));
        assertThat(SubscriptionService.periodEnd(jan31, RecurringInterval.YEAR, 1)).isEqualTo(Instant.parse("2026-01-31T10:00:00Z"));
        assertThat(SubscriptionService.periodEnd(jan31, RecurringInterval.WEEK, 2)).isEqualTo(Instant.parse("2025-02-14T10:00:00Z"));
        assertThat(SubscriptionService.periodEnd(Instant.parse("2024-02-29T00:00:00Z"), RecurringInterval.YEAR, 1))
                .isEqualTo(Instant.parse("2025-02-28T00:00:00Z"));
    }

    @Test
    void listFiltersAndScopes() {
        Customer other = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "other@example.com", null));
        subscriptions.createForCheckout(draft(UUID.randomUUID(), customer.id(), null));
        subscriptions.createForCheckout(draft(UUID.randomUUID(), other.id(), null));
        UUID canceled = subscriptions.createForCheckout(draft(UUID.randomUUID(), other.id(), null)).id();
        jdbc.sql("UPDATE subscriptions SET status = 'canceled' WHERE id = :id").param("id", canceled).update();
        as(tenant).get("/v1/subscriptions/").then().statusCode(200).body("items", hasSize(3)).body("pagination.total_count", equalTo(3));
        as(tenant).get("/v1/subscriptions/?limit=1&page=3").then().body("items", hasSize(1)).body("pagination.max_page", equalTo(3));
        as(tenant).get("/v1/subscriptions/?active=true").then().body("items", hasSize(2));
        as(tenant).get("/v1/subscriptions/?active=false").then().body("items[0].id", equalTo(canceled.toString()));
        as(tenant).get("/v1/subscriptions/?customer_id=" + customer.id()).then().body("items", hasSize(1));
        as(tenant).get("/v1/subscriptions/?product_id=" + UUID.randomUUID()).then().body("items", hasSize(0));
        as(tenant).get("/v1/subscriptions/?sorting=-amount&sorting=customer").then().statusCode(200);
        as(tenant).get("/v1/subscriptions/?active=maybe").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "active")));
        as(data.tenant()).get("/v1/subscriptions/").then().body("items", hasSize(0));
        as(data.withScopes(tenant, Set.of(Scope.SUBSCRIPTIONS_WRITE))).get("/v1/subscriptions/").then().statusCode(200);
        as(data.withScopes(tenant, Set.of(Scope.ORDERS_READ))).get("/v1/subscriptions/").then().statusCode(403);
    }

    @Test
    void portal() {
        Customer other = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "other@example.com", null));
        Subscription mine = subscriptions.createForCheckout(draft(UUID.randomUUID(), customer.id(), null));
        Subscription theirs = subscriptions.createForCheckout(draft(UUID.randomUUID(), other.id(), null));
        String token = customers.issueSession(customer.id());
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/subscriptions/").then()
                .statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(mine.id().toString()))
                .body("items[0].product.organization.id", equalTo(tenant.organizationId().toString()))
                .body("items[0].metadata", nullValue());
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/subscriptions/" + theirs.id())
                .then().statusCode(404);
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/subscriptions/" + mine.id())
                .then().statusCode(200).body("prices[0].id", equalTo(priceId.toString()));
        anonymous().get("/v1/customer-portal/subscriptions/").then().statusCode(401);
    }

    @Test
    void createForCheckoutIsIdempotentEvenConcurrently() throws Exception {
        UUID checkoutId = UUID.randomUUID();
        Subscription first = subscriptions.createForCheckout(draft(checkoutId, customer.id(), null));
        assertThat(subscriptions.createForCheckout(draft(checkoutId, customer.id(), null)).id()).isEqualTo(first.id());

        UUID concurrentCheckout = UUID.randomUUID();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Subscription>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return subscriptions.createForCheckout(draft(concurrentCheckout, customer.id(), null));
                }));
            }
            start.countDown();
            List<UUID> ids = new ArrayList<>();
            for (Future<Subscription> f : futures) {
                ids.add(f.get().id());
            }
            assertThat(ids.stream().distinct()).hasSize(1);
        } finally {
            pool.shutdownNow();
        }
        assertThat(jdbc.sql("SELECT count(*) FROM subscriptions WHERE checkout_id = ANY(:ids)")
                .param("ids", new UUID[] {checkoutId, concurrentCheckout}).query(Long.class).single()).isEqualTo(2);
    }
}
