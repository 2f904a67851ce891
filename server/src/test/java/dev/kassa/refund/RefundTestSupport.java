package dev.kassa.refund;

import dev.kassa.platform.json.Json;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Paid orders made by real purchases (checkout confirm on the emulator), refunds through the API, and what they sent. */
abstract class RefundTestSupport extends ApiTest {

    static final List<String> EVENTS = List.of("refund.created", "refund.updated", "order.updated", "order.refunded");

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
        // An endpoint makes the outbox record the events; its deliveries fail, which does not matter here.
        as(tenant).body(Map.of("url", "http://127.0.0.1:9/hooks", "format", "raw", "events", EVENTS))
                .post("/v1/webhooks/endpoints").then().statusCode(201);
    }

    /** A one-time product of {@code amount} bought with {@code paymentMethod} by a buyer in {@code country}. */
    Map<String, Object> purchase(long amount, String country, String paymentMethod) {
        return purchase(Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))),
                country, paymentMethod);
    }

    Map<String, Object> purchase(Map<String, Object> productBody, String country, String paymentMethod) {
        String product = as(tenant).body(productBody).post("/v1/products/").then().statusCode(201).extract().path("id");
        Map<String, Object> checkout = as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then()
                .statusCode(201).extract().jsonPath().getMap("");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", paymentMethod).post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");
        anonymous().body(Map.of("customer_email", "buyer-" + UUID.randomUUID() + "@example.com",
                        "customer_billing_address", Map.of("country", country), "confirmation_token_id", token))
                .post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm").then().statusCode(200);
        return as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().statusCode(200)
                .extract().jsonPath().getMap("items[0]");
    }

    String paidOrder(long amount) {
        return (String) purchase(amount, "DE", "pm_card_visa").get("id");
    }

    ValidatableResponse refund(String orderId, long amount) {
        return refund(Map.of("order_id", orderId, "amount", amount, "reason", "customer_request"));
    }

    ValidatableResponse refund(Map<String, Object> body) {
        return as(tenant).body(body).post("/v1/refunds/").then();
    }

    Map<String, Object> order(String orderId) {
        return as(tenant).get("/v1/orders/" + orderId).then().statusCode(200).extract().jsonPath().getMap("");
    }

    static Map<String, Object> with(Map<String, Object> body, String key, Object value) {
        Map<String, Object> copy = new HashMap<>(body);
        copy.put(key, value);
        return copy;
    }

    /** The merchant events the organization's changes recorded, in order: {@code type} and {@code data}. */
    List<Map<String, Object>> events() {
        return jdbc.sql("SELECT payload FROM webhook_events WHERE organization_id = :org ORDER BY seq")
                .param("org", tenant.organizationId()).query(String.class).list().stream().map(Json::readMap).toList();
    }

    List<String> eventTypes() {
        return events().stream().map(e -> (String) e.get("type")).toList();
    }

    <T> T eventually(Supplier<T> probe, Predicate<T> done) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        T value = probe.get();
        while (!done.test(value) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
            value = probe.get();
        }
        return value;
    }
}
