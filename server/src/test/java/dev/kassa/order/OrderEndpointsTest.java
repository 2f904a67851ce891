package dev.kassa.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.address.Address;
import dev.kassa.auth.Scope;
import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.customer.CustomerService;
import dev.kassa.order.Order.BillingReason;
import dev.kassa.order.OrderDraft.ItemDraft;
import dev.kassa.product.Product.RecurringInterval;
import dev.kassa.subscription.Subscription;
import dev.kassa.subscription.SubscriptionDraft;
import dev.kassa.subscription.SubscriptionService;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class OrderEndpointsTest extends ApiTest {

    @Autowired
    OrderService orders;
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
        var product = as(tenant).body(Map.of("name", "E-book", "metadata", Map.of("sku", "eb"),
                        "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1500))))
                .post("/v1/products/").then().statusCode(201).extract();
        productId = UUID.fromString(product.path("id"));
        priceId = UUID.fromString(product.path("prices[0].id"));
        customer = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "buyer@example.com", null));
    }

    private OrderDraft draft(UUID checkoutId, UUID customerId) {
        return new OrderDraft(tenant.organizationId(), customerId, productId, priceId, null, checkoutId, null,
                BillingReason.PURCHASE, 1500, 0, 300, "usd", "Buyer Inc", Address.ofCountry("FR"), null, Map.of(),
                Map.of("source", "test"), "pi_1", "ch_1", List.of(new ItemDraft("E-book", 1500, 300, false, priceId, null, null)));
    }

    private String sessionToken(UUID customerId) {
        return customers.issueSession(customerId);
    }

    @Test
    void merchantGetAndList() {
        Order order = orders.createForCheckout(draft(UUID.randomUUID(), customer.id()));
        as(tenant).get("/v1/orders/" + order.id()).then().statusCode(200)
                .body("id", equalTo(order.id().toString()))
                .body("status", equalTo("paid"))
                .body("paid", equalTo(true))
                .body("subtotal_amount", equalTo(1500))
                .body("net_amount", equalTo(1500))
                .body("tax_amount", equalTo(300))
                .body("total_amount", equalTo(1800))
                .body("billing_reason", equalTo("purchase"))
                .body("billing_address.country", equalTo("FR"))
                .body("invoice_number", equalTo(invoiceNumberOf(order)))
                .body("customer.email", equalTo("buyer@example.com"))
                .body("user_id", equalTo(customer.id().toString()))
                .body("product.name", equalTo("E-book"))
                .body("product.metadata", equalTo(Map.of("sku", "eb")))
                .body("discount", nullValue())
                .body("subscription", nullValue())
                .body("metadata", equalTo(Map.of("source", "test")))
                .body("items", hasSize(1))
                .body("items[0].label", equalTo("E-book"))
                .body("items[0].product_price_id", equalTo(priceId.toString()));
        as(data.tenant()).get("/v1/orders/" + order.id()).then().statusCode(404);
        as(tenant).get("/v1/orders/").then().statusCode(200).body("items", hasSize(1)).body("pagination.total_count", equalTo(1));
        as(data.tenant()).get("/v1/orders/").then().body("items", hasSize(0));
    }

    @Test
    void aPaidOrderReportsNoBalanceNoFeeAndItsWholeNetAndTaxAsRefundable() {
        Order order = orders.createForCheckout(draft(UUID.randomUUID(), customer.id()));

        as(tenant).get("/v1/orders/" + order.id()).then().statusCode(200)
                .body("applied_balance_amount", equalTo(0))
                .body("due_amount", equalTo(1800))
                .body("refunded_amount", equalTo(0))
                .body("refundable_amount", equalTo(1500))
                .body("refundable_tax_amount", equalTo(300))
                .body("description", equalTo("E-book"))
                .body("is_invoice_generated", equalTo(false))
                .body("receipt_number", equalTo("RCPT-" + invoiceNumberOf(order)))
                .body("platform_fee_amount", equalTo(0))
                .body("platform_fee_currency", nullValue())
                .body("units", nullValue())
                .body("customer.type", equalTo("individual"))
                .body("product.visibility", equalTo("public"))
                .body("product.trial_interval", nullValue())
                .body("items[0].start_timestamp", nullValue())
                .body("items[0].end_timestamp", nullValue());
    }

    @Test
    void listFiltersPaginationAndScopes() {
        Customer other = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "other@example.com", null));
        orders.createForCheckout(draft(UUID.randomUUID(), customer.id()));
        orders.createForCheckout(draft(UUID.randomUUID(), customer.id()));
        orders.createForCheckout(draft(UUID.randomUUID(), other.id()));
        as(tenant).get("/v1/orders/?limit=2").then().body("items", hasSize(2)).body("pagination.max_page", equalTo(2));
        as(tenant).get("/v1/orders/?customer_id=" + other.id()).then().body("items", hasSize(1))
                .body("items[0].customer.email", equalTo("other@example.com"));
        as(tenant).get("/v1/orders/?product_id=" + productId + "&sorting=-customer").then().body("items", hasSize(3))
                .body("items[0].customer.email", equalTo("other@example.com"));
        as(tenant).get("/v1/orders/?customer_id=nope").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "customer_id")));
        as(data.withScopes(tenant, Set.of(Scope.PRODUCTS_READ))).get("/v1/orders/").then().statusCode(403);
        anonymous().get("/v1/orders/").then().statusCode(401);
    }

    @Test
    void portalShowsOnlyTheSessionsCustomer() {
        Customer other = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "other@example.com", null));
        Order mine = orders.createForCheckout(draft(UUID.randomUUID(), customer.id()));
        Order theirs = orders.createForCheckout(draft(UUID.randomUUID(), other.id()));
        String token = sessionToken(customer.id());
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/orders/").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(mine.id().toString()))
                .body("items[0].product.organization.slug", notNullValue())
                .body("items[0].metadata", nullValue());
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/orders/" + mine.id()).then()
                .statusCode(200).body("total_amount", equalTo(1800));
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/orders/" + theirs.id()).then()
                .statusCode(404);
        anonymous().header("Authorization", "Bearer polar_cst_bad").get("/v1/customer-portal/orders/").then().statusCode(401);
        jdbc.sql("UPDATE customer_sessions SET expires_at = now() - interval '1 minute' WHERE customer_id = :id")
                .param("id", customer.id()).update();
        anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/orders/").then().statusCode(401);
    }

    @Test
    void orderOfASubscriptionEmbedsItAndIsListedBySubscription() {
        var recurring = as(tenant).body(Map.of("name", "Pro", "recurring_interval", "month",
                        "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract();
        UUID recurringId = UUID.fromString(recurring.path("id"));
        UUID recurringPrice = UUID.fromString(recurring.path("prices[0].id"));
        UUID checkoutId = UUID.randomUUID();
        Subscription subscription = subscriptions.createForCheckout(new SubscriptionDraft(tenant.organizationId(),
                customer.id(), recurringId, recurringPrice, null, checkoutId, 900, "usd", RecurringInterval.MONTH, 1, null,
                Map.of(), Map.of()));
        Order order = orders.createForCheckout(new OrderDraft(tenant.organizationId(), customer.id(), recurringId,
                recurringPrice, null, checkoutId, subscription.id(), BillingReason.SUBSCRIPTION_CREATE, 900, 0, 0, "usd",
                null, null, null, Map.of(), Map.of(), null, null, List.of(new ItemDraft("Pro", 900, 0, false, recurringPrice, null, null))));
        as(tenant).get("/v1/orders/" + order.id()).then().statusCode(200)
                .body("billing_reason", equalTo("subscription_create"))
                .body("subscription.id", equalTo(subscription.id().toString()))
                .body("subscription.status", equalTo("active"))
                .body("product.recurring_interval", equalTo("month"));
        orders.createForCheckout(draft(UUID.randomUUID(), customer.id()));

        as(tenant).queryParam("subscription_id", subscription.id().toString()).get("/v1/orders/").then().statusCode(200)
                .body("items.id", equalTo(List.of(order.id().toString())))
                .body("pagination.total_count", equalTo(1));
    }

    @Test
    void createForCheckoutIsIdempotent() {
        UUID checkoutId = UUID.randomUUID();
        Order first = orders.createForCheckout(draft(checkoutId, customer.id()));
        Order second = orders.createForCheckout(draft(checkoutId, customer.id()));
        assertThat(second.id()).isEqualTo(first.id());
        assertThat(invoiceNumberOf(second)).isEqualTo(invoiceNumberOf(first));
        assertThat(countOrders(checkoutId)).isEqualTo(1);
        // the second call did not consume an invoice number
        Order next = orders.createForCheckout(draft(UUID.randomUUID(), customer.id()));
        assertThat(invoiceNumberOf(next)).endsWith("-0002");
    }

    @Test
    void concurrentCallsForOneCheckoutMakeOneOrder() throws Exception {
        UUID checkoutId = UUID.randomUUID();
        List<Order> results = concurrently(8, () -> orders.createForCheckout(draft(checkoutId, customer.id())));
        assertThat(results.stream().map(Order::id).distinct()).hasSize(1);
        assertThat(countOrders(checkoutId)).isEqualTo(1);
    }

    @Test
    void concurrentOrdersGetDistinctConsecutiveInvoiceNumbers() throws Exception {
        List<Order> results = concurrently(10, () -> orders.createForCheckout(draft(UUID.randomUUID(), customer.id())));
        Set<String> numbers = new HashSet<>();
        results.forEach(o -> numbers.add(invoiceNumberOf(o)));
        String first = invoiceNumberOf(results.getFirst());
        String prefix = first.substring(0, first.lastIndexOf('-') + 1);
        Set<String> expected = new HashSet<>();
        for (int i = 1; i <= 10; i++) {
            expected.add(prefix + String.format("%04d", i));
        }
        assertThat(numbers).isEqualTo(expected);
        assertThat(prefix).isEqualTo(prefix.toUpperCase());
    }

    private long countOrders(UUID checkoutId) {
        return jdbc.sql("SELECT count(*) FROM orders WHERE checkout_id = :id").param("id", checkoutId).query(Long.class).single();
    }

    static <T> List<T> concurrently(int threads, Callable<T> task) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                futures.add(pool.submit(() -> {
                    start.await();
                    return task.call();
                }));
            }
            start.countDown();
            List<T> results = new ArrayList<>();
            for (Future<T> future : futures) {
                results.add(future.get());
            }
            return results;
        } finally {
            pool.shutdownNow();
        }
    }

    /** The invoice number an order was given when its transaction committed. */
    private String invoiceNumberOf(Order order) {
        return jdbc.sql("SELECT invoice_number FROM orders WHERE id = :id").param("id", order.id()).query(String.class).single();
    }
}
