package dev.kassa.customer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.json.Json;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** As in Polar, a customer's creation, update and deletion each also record {@code customer.state_changed}. */
class CustomerStateEventsTest extends ApiTest {

    @Autowired
    JdbcClient jdbc;

    Tenant tenant;

    @BeforeEach
    void endpoint() {
        tenant = data.tenant();
        as(tenant).body(Map.of("url", "http://127.0.0.1:9/hooks", "format", "raw", "events", List.of("customer.created",
                "customer.updated", "customer.deleted", "customer.state_changed"))).post("/v1/webhooks/endpoints")
                .then().statusCode(201);
    }

    @Test
    void creatingUpdatingAndDeletingACustomerEachChangeItsState() {
        String id = as(tenant).body(Map.of("email", "ada@example.com")).post("/v1/customers/").then().statusCode(201)
                .extract().path("id");
        as(tenant).body(Map.of("name", "Ada Lovelace")).patch("/v1/customers/" + id).then().statusCode(200);
        as(tenant).delete("/v1/customers/" + id).then().statusCode(204);

        assertThat(recorded()).extracting(e -> e.get("type")).containsExactly("customer.created", "customer.state_changed",
                "customer.updated", "customer.state_changed", "customer.deleted", "customer.state_changed");
        List<Map<String, Object>> states = recorded().stream().filter(e -> e.get("type").equals("customer.state_changed"))
                .map(CustomerStateEventsTest::data).toList();
        assertThat(states).allSatisfy(state -> assertThat(state).containsEntry("id", id)
                .containsEntry("email", "ada@example.com").containsEntry("active_subscriptions", List.of())
                .containsEntry("granted_benefits", List.of()));
        assertThat(states.get(0)).containsEntry("name", null).containsEntry("deleted_at", null);
        assertThat(states.get(1)).containsEntry("name", "Ada Lovelace").containsEntry("deleted_at", null);
        assertThat(states.get(2).get("deleted_at")).isNotNull();
    }

    @Test
    void aBuyersFirstCheckoutCreatesTheCustomerWithItsDataAndSendsNoUpdate() {
        String product = as(tenant).body(Map.of("name", "Book", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");
        String secret = as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then().statusCode(201)
                .extract().path("client_secret");
        String token = io.restassured.RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", "pm_card_visa").post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");

        anonymous().body(Map.of("customer_email", "grace@example.com", "customer_name", "Grace Hopper",
                        "customer_billing_address", Map.of("country", "DE"), "confirmation_token_id", token))
                .post("/v1/checkouts/client/" + secret + "/confirm").then().statusCode(200);

        assertThat(recorded()).extracting(e -> e.get("type")).containsExactly("customer.created", "customer.state_changed");
        Map<String, Object> created = data(recorded().getFirst());
        assertThat(created).containsEntry("email", "grace@example.com").containsEntry("name", "Grace Hopper");
        assertThat(created.get("billing_address")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
                .containsEntry("country", "DE");
    }

    @Test
    void aRefusedChangeRecordsNothing() {
        as(tenant).body(Map.of("email", "ada@example.com")).post("/v1/customers/").then().statusCode(201);
        recordedCleared();

        as(tenant).body(Map.of("email", "ADA@example.com")).post("/v1/customers/").then().statusCode(422);

        assertThat(recorded()).isEmpty();
    }

    private List<Map<String, Object>> recorded() {
        return jdbc.sql("SELECT payload FROM webhook_events WHERE organization_id = :org ORDER BY seq")
                .param("org", tenant.organizationId()).query(String.class).list().stream().map(Json::readMap).toList();
    }

    private void recordedCleared() {
        jdbc.sql("DELETE FROM webhook_events WHERE organization_id = :org").param("org", tenant.organizationId()).update();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> data(Map<String, Object> event) {
        return (Map<String, Object>) event.get("data");
    }
}
