package dev.kassa.renewal;

import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Buys subscriptions through the real checkout (emulated Stripe) and advances them with the test clock: shared by
 * the tests on the suite's server ({@link RenewalTestSupport}) and those on a server of their own.
 */
interface RenewalPurchases {

    String VISA = "pm_card_visa";
    /** Stripe's test card that saves at checkout and declines every later charge. */
    String CHARGE_CUSTOMER_FAIL = "pm_card_chargeCustomerFail";

    int port();

    Tenant tenant();

    JdbcClient jdbc();

    default RequestSpecification buyer() {
        return RestAssured.given().port(port()).contentType("application/json");
    }

    default RequestSpecification merchant() {
        return buyer().header("Authorization", "Bearer " + tenant().token());
    }

    default String monthlyProduct(long amount) {
        return monthlyProduct(amount, Map.of());
    }

    default String monthlyProduct(long amount, Map<String, Object> extra) {
        Map<String, Object> body = new HashMap<>(Map.of("name", "Monthly " + amount, "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))));
        body.putAll(extra);
        return merchant().body(body).post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    default String discount(Map<String, Object> body) {
        Map<String, Object> withDefaults = new HashMap<>(Map.of("name", "Discount", "duration", "once"));
        withDefaults.putAll(body);
        return merchant().body(withDefaults).post("/v1/discounts/").then().statusCode(201).extract().path("id");
    }

    /** Buys the product with the card; returns the subscription's id. */
    default UUID subscribe(String productId, String card) {
        return subscribe(Map.of("products", List.of(productId)), card);
    }

    default UUID subscribe(Map<String, Object> checkoutBody, String card) {
        Map<String, Object> checkout = merchant().body(checkoutBody).post("/v1/checkouts/").then().statusCode(201).extract()
                .jsonPath().getMap("");
        String token = RestAssured.given().port(port()).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", card).post("/_stripe/v1/test_helpers/confirmation_tokens").then().statusCode(200)
                .extract().path("id");
        String email = "buyer-" + UUID.randomUUID().toString().substring(0, 8) + "@example.com";
        buyer().body(Map.of("customer_email", email, "customer_billing_address", Map.of("country", "DE"),
                        "confirmation_token_id", token))
                .post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm").then().statusCode(200);
        return jdbc().sql("SELECT id FROM subscriptions WHERE checkout_id = :id").param("id", UUID.fromString((String) checkout.get("id")))
                .query(UUID.class).single();
    }

    default JsonPath subscription(UUID id) {
        return merchant().get("/v1/subscriptions/" + id).then().statusCode(200).extract().jsonPath();
    }

    default JsonPath advance(UUID id) {
        return merchant().post("/v1/test-helpers/subscriptions/" + id + "/advance").then().statusCode(200).extract().jsonPath();
    }

    /** The subscription's orders, oldest first. */
    default List<Map<String, Object>> orders(UUID subscriptionId) {
        String customer = subscription(subscriptionId).getString("customer_id");
        List<Map<String, Object>> items = merchant().queryParam("customer_id", customer).queryParam("sorting", "created_at")
                .queryParam("limit", 100).get("/v1/orders/").then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(o -> subscriptionId.toString().equals(o.get("subscription_id"))).toList();
    }

    /** A webhook endpoint of the tenant for these events, so that they are recorded (its deliveries fail: no one listens). */
    default void webhookEndpoint(List<String> events) {
        merchant().body(Map.of("url", "https://hooks.example.com/polar", "format", "raw", "events", events))
                .post("/v1/webhooks/endpoints").then().statusCode(201);
    }

    default long lastEventSeq() {
        return jdbc().sql("SELECT COALESCE(max(seq), 0) FROM webhook_events WHERE organization_id = :org")
                .param("org", tenant().organizationId()).query(Long.class).single();
    }

    /** The types of the tenant's webhook events recorded after {@code seq}, in order. */
    default List<String> eventsSince(long seq) {
        return jdbc().sql("SELECT type FROM webhook_events WHERE organization_id = :org AND seq > :seq ORDER BY seq")
                .param("org", tenant().organizationId()).param("seq", seq).query(String.class).list();
    }

    /** Makes every later charge of the subscription use this payment method (a card that declines, for example). */
    default void setPaymentMethod(UUID subscriptionId, String paymentMethod) {
        jdbc().sql("UPDATE subscriptions SET stripe_payment_method_id = :pm WHERE id = :id").param("pm", paymentMethod)
                .param("id", subscriptionId).update();
    }

    default String paymentMethodOf(UUID subscriptionId) {
        return jdbc().sql("SELECT stripe_payment_method_id FROM subscriptions WHERE id = :id").param("id", subscriptionId)
                .query(String.class).single();
    }
}
