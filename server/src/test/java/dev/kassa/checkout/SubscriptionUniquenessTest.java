package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.response.ValidatableResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One subscription per buyer and organization (reference 7.4, step 15), and the per-customer discount limit told
 * early to a buyer's update (step 14).
 */
class SubscriptionUniquenessTest extends CheckoutTestSupport {

    private static final String ALREADY_ACTIVE =
            "{\"error\":\"AlreadyActiveSubscriptionError\",\"detail\":\"You already have an active subscription.\"}";

    @Test
    void aBuyerWithAnActiveSubscriptionIsRefusedWhenTheirEmailIsGiven() throws Exception {
        subscribe(recurringProduct("Basic", 500), "ada@example.com");
        Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));

        String body = clientUpdate((String) checkout.get("client_secret"), Map.of("customer_email", "ADA@Example.com"))
                .statusCode(403).extract().asString();

        assertThat(body).isEqualTo(ALREADY_ACTIVE);
    }

    @Test
    void theMerchantsUpdateIsRefusedAlike() throws Exception {
        subscribe(recurringProduct("Basic", 500), "ada@example.com");
        Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));

        String body = merchantUpdate((String) checkout.get("id"), Map.of("customer_email", "ada@example.com"))
                .statusCode(403).extract().asString();

        assertThat(body).isEqualTo(ALREADY_ACTIVE);
    }

    @Test
    void aConfirmForASecondSubscriptionIsRefusedChargesNothingAndLeavesTheCheckoutOpen() throws Exception {
        subscribe(recurringProduct("Basic", 500), "ada@example.com");
        Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));

        String body = confirm((String) checkout.get("client_secret"), paidBody("ada@example.com", VISA))
                .statusCode(403).extract().asString();

        assertThat(body).isEqualTo(ALREADY_ACTIVE);
        assertThat(statusOf((String) checkout.get("id"))).isEqualTo("open");
        assertThat(jdbc.sql("SELECT count(*) FROM payment_attempts WHERE checkout_id = ?::uuid").param(checkout.get("id"))
                .query(Long.class).single()).isZero();
        as(tenant).get("/v1/subscriptions/").then().statusCode(200).body("items", hasSize(1));
        as(tenant).get("/v1/orders/").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void aSubscriberMayStillBuyAOneTimeProduct() throws Exception {
        subscribe(recurringProduct("Basic", 500), "ada@example.com");
        Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));

        confirm((String) checkout.get("client_secret"), paidBody("ada@example.com", VISA)).statusCode(200);

        assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
    }

    @Test
    void aRevokedSubscriptionNoLongerCounts() throws Exception {
        String subscription = subscribe(recurringProduct("Basic", 500), "ada@example.com");
        as(tenant).delete("/v1/subscriptions/" + subscription).then().statusCode(200).body("status", equalTo("canceled"));
        Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));

        confirm((String) checkout.get("client_secret"), paidBody("ada@example.com", VISA)).statusCode(200);

        assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
    }

    @Test
    void anotherBuyersSubscriptionDoesNotCount() throws Exception {
        subscribe(recurringProduct("Basic", 500), "ada@example.com");
        Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));

        confirm((String) checkout.get("client_secret"), paidBody("grace@example.com", VISA)).statusCode(200);

        assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
    }

    @Test
    void aSubscriptionWithAnotherOrganizationDoesNotCount() throws Exception {
        subscribe(recurringProduct("Basic", 500), "ada@example.com");
        tenant = data.tenant();
        Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));

        confirm((String) checkout.get("client_secret"), paidBody("ada@example.com", VISA)).statusCode(200);

        assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
    }

    @Test
    void twoCheckoutsOfOneBuyerConfirmedAtOnceMakeOneSubscription() throws Exception {
        String product = recurringProduct("Pro", 900);
        int buyers = 8;
        List<Callable<Integer>> confirms = new ArrayList<>();
        for (int buyer = 0; buyer < buyers; buyer++) {
            String email = "buyer" + buyer + "@example.com";
            for (int tab = 0; tab < 2; tab++) {
                String secret = (String) checkoutFor(product).get("client_secret");
                Map<String, Object> body = paidBody(email, VISA);
                confirms.add(() -> confirm(secret, body).extract().statusCode());
            }
        }
        List<Integer> statuses = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(confirms.size())) {
            for (Future<Integer> status : pool.invokeAll(confirms)) {
                statuses.add(status.get());
            }
        }

        assertThat(statuses).filteredOn(s -> s == 200).hasSize(buyers);
        assertThat(statuses).filteredOn(s -> s == 403).hasSize(buyers);
        List<String> subscribers = eventually(() -> jdbc.sql("""
                SELECT c.email FROM subscriptions s JOIN customers c ON c.id = s.customer_id
                WHERE s.organization_id = ?::uuid ORDER BY c.email
                """).param(tenant.organizationId().toString()).query(String.class).list(), list -> list.size() >= buyers);
        assertThat(subscribers).hasSize(buyers).doesNotHaveDuplicates();
    }

    @Test
    void aBuyersUpdateLearnsEarlyThatThePerCustomerDiscountIsUsedUp() throws Exception {
        String discount = discount(Map.of("type", "percentage", "basis_points", 1000, "max_redemptions_per_customer", 1));
        String product = fixedProduct("Book", 1999);
        Map<String, Object> first = createCheckout(Map.of("products", List.of(product), "discount_id", discount));
        confirm((String) first.get("client_secret"), paidBody("ada@example.com", VISA)).statusCode(200);
        Map<String, Object> second = createCheckout(Map.of("products", List.of(product), "discount_id", discount));

        ValidatableResponse update = clientUpdate((String) second.get("client_secret"), Map.of("customer_email", "ada@example.com"));

        assertThat(update.statusCode(403).extract().asString()).isEqualTo("{\"error\":\"DiscountRedemptionLimitReached\","
                + "\"detail\":\"You have already redeemed this discount the maximum number of times allowed per customer.\"}");
    }

    /** Buys {@code product} as {@code email}; answers the subscription's id. */
    private String subscribe(String product, String email) throws Exception {
        Map<String, Object> checkout = checkoutFor(product);
        confirm((String) checkout.get("client_secret"), paidBody(email, VISA)).statusCode(200);
        awaitStatus((String) checkout.get("id"), "succeeded");
        return as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().statusCode(200)
                .extract().path("items[0].subscription_id");
    }
}
