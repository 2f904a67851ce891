package dev.kassa.checkout;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.function.Supplier;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Catalog fixtures made through the API, and direct SQL for states the API cannot reach (time, redemptions). */
abstract class CheckoutTestSupport extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    String product(String name, List<Map<String, Object>> prices) {
        return product(Map.of("name", name, "prices", prices));
    }

    String product(Map<String, Object> body) {
        return as(tenant).body(body).post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    String fixedProduct(String name, long amount) {
        return product(name, List.of(Map.of("amount_type", "fixed", "price_amount", amount)));
    }

    String recurringProduct(String name, long amount) {
        return product(Map.of("name", name, "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))));
    }

    String discount(Map<String, Object> body) {
        Map<String, Object> withDefaults = new HashMap<>(Map.of("name", "Discount", "duration", "once"));
        withDefaults.putAll(body);
        return as(tenant).body(withDefaults).post("/v1/discounts/").then().statusCode(201).extract().path("id");
    }

    String textField(String slug) {
        return as(tenant).body(Map.of("type", "text", "slug", slug, "name", "Field " + slug, "properties", Map.of()))
                .post("/v1/custom-fields/").then().statusCode(201).extract().path("id");
    }

    ValidatableResponse create(Map<String, Object> body) {
        return as(tenant).body(body).post("/v1/checkouts/").then();
    }

    Map<String, Object> createCheckout(Map<String, Object> body) {
        return create(body).statusCode(201).extract().jsonPath().getMap("");
    }

    Map<String, Object> checkoutFor(String... productIds) {
        return createCheckout(Map.of("products", List.of(productIds)));
    }

    ValidatableResponse clientGet(String clientSecret) {
        return anonymous().get("/v1/checkouts/client/" + clientSecret).then();
    }

    ValidatableResponse clientUpdate(String clientSecret, Object body) {
        return anonymous().body(body).patch("/v1/checkouts/client/" + clientSecret).then();
    }

    ValidatableResponse merchantUpdate(String id, Object body) {
        return as(tenant).body(body).patch("/v1/checkouts/" + id).then();
    }

    void setExpiresAt(String checkoutId, Instant expiresAt) {
        jdbc.sql("UPDATE checkouts SET expires_at = :at WHERE id = :id")
                .param("at", Timestamp.from(expiresAt)).param("id", UUID.fromString(checkoutId)).update();
    }

    void setStatus(String checkoutId, String status) {
        jdbc.sql("UPDATE checkouts SET status = :status WHERE id = :id")
                .param("status", status).param("id", UUID.fromString(checkoutId)).update();
    }

    void redeem(String discountId) {
        jdbc.sql("INSERT INTO discount_redemptions (id, discount_id, created_at) VALUES (:id, :discount, now())")
                .param("id", UUID.randomUUID()).param("discount", UUID.fromString(discountId)).update();
    }

    static ValidatableResponse singleError(ValidatableResponse response, List<Object> loc, String msg) {
        return response.statusCode(422)
                .body("detail", Matchers.hasSize(1))
                .body("detail[0].loc", Matchers.equalTo(loc))
                .body("detail[0].msg", Matchers.equalTo(msg));
    }

    @Autowired
    dev.kassa.payment.PaymentAttempts paymentAttempts;

    /** A confirmed checkout and the attempt of its confirm. */
    record PendingConfirm(UUID checkoutId, UUID attemptId) {
    }

    /**
     * The state a crash right after the confirm's first transaction leaves: a confirmed $19.99 checkout with its
     * customer, and a pending attempt (with its snapshot) that never reached Stripe, due for a look-up.
     */
    protected PendingConfirm pendingConfirm(String confirmationToken, String email) {
        Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_email", email));
        UUID checkoutId = UUID.fromString((String) checkout.get("id"));
        String kassaCustomer = as(tenant).body(Map.of("email", email)).post("/v1/customers/").then().statusCode(201).extract().path("id");
        jdbc.sql("UPDATE checkouts SET status = 'confirmed', customer_id = :customer WHERE id = :id")
                .param("customer", UUID.fromString(kassaCustomer)).param("id", checkoutId).update();
        dev.kassa.payment.PaymentRequest request = new dev.kassa.payment.PaymentRequest(dev.kassa.payment.PaymentRequest.Kind.PAYMENT_INTENT,
                1999L, "usd", confirmationToken, null, new dev.kassa.payment.CustomerDetails(email, null, null), "Test", "test",
                "http://localhost/confirmation", false, Map.of("checkout_id", checkoutId.toString()));
        String snapshot = jdbc.sql("""
                SELECT json_build_object('checkoutId', id, 'organizationId', organization_id, 'customerId', customer_id,
                       'productId', product_id, 'productName', 'Book', 'priceId', product_price_id, 'currency', currency,
                       'amount', amount, 'discountAmount', 0, 'netAmount', amount, 'taxAmount', 0, 'totalAmount', amount,
                       'chargedNow', true, 'recurringIntervalCount', 1, 'customFieldData', '{}'::json, 'metadata', '{}'::json)::text
                FROM checkouts WHERE id = :id
                """).param("id", checkoutId).query(String.class).single();
        UUID attemptId = paymentAttempts.begin(checkoutId, tenant.organizationId(), request, snapshot).id();
        jdbc.sql("UPDATE payment_attempts SET next_check_at = now(), created_at = :at WHERE id = :id")
                .param("at", Timestamp.from(Instant.now().minusSeconds(600))).param("id", attemptId).update();
        return new PendingConfirm(checkoutId, attemptId);
    }

    protected String checkoutStatus(UUID checkoutId) {
        return jdbc.sql("SELECT status FROM checkouts WHERE id = :id").param("id", checkoutId).query(String.class).single();
    }

    protected String attemptStatus(UUID attemptId) {
        return jdbc.sql("SELECT status FROM payment_attempts WHERE id = :id").param("id", attemptId).query(String.class).single();
    }

    static final String VISA = "pm_card_visa";
    static final String DECLINED = "pm_card_chargeDeclined";

    protected String confirmationToken(String paymentMethod) {
        return RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", paymentMethod)
                .post("/_stripe/v1/test_helpers/confirmation_tokens").then().statusCode(200).extract().path("id");
    }

    protected ValidatableResponse confirm(String clientSecret, Object body) {
        return anonymous().body(body).post("/v1/checkouts/client/" + clientSecret + "/confirm").then();
    }

    protected Map<String, Object> paidBody(String email, String paymentMethod) {
        return Map.of("customer_email", email, "customer_billing_address", Map.of("country", "DE"),
                "confirmation_token_id", confirmationToken(paymentMethod));
    }

    protected <T> T eventually(Supplier<T> probe, java.util.function.Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }

    protected String statusOf(String checkoutId) {
        return as(tenant).get("/v1/checkouts/" + checkoutId).then().extract().path("status");
    }

    protected String awaitStatus(String checkoutId, String status) throws InterruptedException {
        return eventually(() -> statusOf(checkoutId), status::equals);
    }

}
