package dev.kassa.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.customer.Customer;
import dev.kassa.customer.CustomerCommands.NewCustomer;
import dev.kassa.order.OrderDraft.ItemDraft;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** {@code PATCH /v1/orders/{id}} and {@code PATCH /v1/customer-portal/orders/{id}}: the invoice's billing details. */
class OrderUpdateTest extends OrderDocumentTestSupport {

    private static final Map<String, Object> MUNICH = Map.of("line1", "Marienplatz 8", "postal_code", "80331",
            "city", "München", "country", "DE");

    @Test
    void theMerchantSetsTheBillingNameAndAddressAnOrderLackedAndCanThenGenerateItsInvoice() {
        Order order = order(null, null, "usd", 1500, 0, 0, "pi_test",
                List.of(new ItemDraft("Field Guide", 1500, 0, false, priceId, null, null)));

        as(tenant).body(Map.of("billing_name", "Ada Lovelace", "billing_address", MUNICH)).patch("/v1/orders/" + order.id())
                .then().statusCode(200)
                .body("id", equalTo(order.id().toString()))
                .body("billing_name", equalTo("Ada Lovelace"))
                .body("billing_address.line1", equalTo("Marienplatz 8"))
                .body("billing_address.line2", nullValue())
                .body("billing_address.postal_code", equalTo("80331"))
                .body("billing_address.city", equalTo("München"))
                .body("billing_address.country", equalTo("DE"));

        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);
        assertThat(text(invoicePdf(order))).contains("Ada Lovelace", "Marienplatz 8");
    }

    @Test
    void onlyTheKeysSentChangeAndNullClears() {
        Order order = order();

        as(tenant).body(Map.of("billing_name", "Countess of Lovelace")).patch("/v1/orders/" + order.id()).then().statusCode(200)
                .body("billing_name", equalTo("Countess of Lovelace"))
                .body("billing_address.city", equalTo("Berlin"));
        Map<String, Object> clear = new HashMap<>();
        clear.put("billing_name", null);
        as(tenant).body(clear).patch("/v1/orders/" + order.id()).then().statusCode(200)
                .body("billing_name", nullValue())
                .body("billing_address.city", equalTo("Berlin"));
    }

    @Test
    void anUpdateIsAnOrderUpdatedWebhookAndChangesModifiedAt() {
        as(tenant).body(Map.of("url", "http://127.0.0.1:9/hook", "format", "raw", "events", List.of("order.updated")))
                .post("/v1/webhooks/endpoints").then().statusCode(201);
        Order order = order();

        as(tenant).body(Map.of("billing_name", "A. Lovelace")).patch("/v1/orders/" + order.id()).then().statusCode(200)
                .body("modified_at", org.hamcrest.Matchers.notNullValue());

        List<String> payloads = jdbc.sql("SELECT payload FROM webhook_events WHERE organization_id = :org AND type = 'order.updated'")
                .param("org", tenant.organizationId()).query(String.class).list();
        assertThat(payloads).hasSize(1);
        assertThat(payloads.getFirst()).contains("\"id\":\"" + order.id() + "\"", "\"billing_name\":\"A. Lovelace\"");
    }

    @Test
    void afterTheInvoiceIsGeneratedTheBillingDetailsCannotChange() {
        Order order = order();
        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);

        String body = as(tenant).body(Map.of("billing_name", "Someone Else")).patch("/v1/orders/" + order.id())
                .then().statusCode(422).extract().asString();

        assertThat(body).isEqualTo("{\"error\":\"PolarRequestValidationError\",\"detail\":[{\"type\":\"value_error\","
                + "\"loc\":[\"body\",\"billing_name\"],\"msg\":\"This field cannot be updated after the invoice is generated.\","
                + "\"input\":\"Someone Else\"}]}");
        as(tenant).get("/v1/orders/" + order.id()).then().body("billing_name", equalTo("Ada Lovelace"));
    }

    @Test
    void resendingTheSameBillingDetailsAfterTheInvoiceIsFine() {
        Order order = order();
        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);

        as(tenant).body(Map.of("billing_name", "Ada Lovelace")).patch("/v1/orders/" + order.id()).then().statusCode(200)
                .body("billing_name", equalTo("Ada Lovelace"));
    }

    @Test
    void theAddressCountryAndStateCannotChange() {
        Order order = order();

        String body = as(tenant).body(Map.of("billing_address", Map.of("line1", "1 Main St", "postal_code", "10001",
                "city", "New York", "state", "NY", "country", "US"))).patch("/v1/orders/" + order.id())
                .then().statusCode(422).extract().asString();

        assertThat(body).isEqualTo("{\"error\":\"PolarRequestValidationError\",\"detail\":["
                + "{\"type\":\"value_error\",\"loc\":[\"body\",\"billing_address\",\"country\"],"
                + "\"msg\":\"Country and state fields cannot be updated.\",\"input\":\"US\"},"
                + "{\"type\":\"value_error\",\"loc\":[\"body\",\"billing_address\",\"state\"],"
                + "\"msg\":\"Country and state fields cannot be updated.\",\"input\":\"US-NY\"}]}");
    }

    @Test
    void aMalformedBodyIsA422AndChangesNothing() {
        Order order = order();

        as(tenant).body(Map.of("billing_name", 42)).patch("/v1/orders/" + order.id()).then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "billing_name")))
                .body("detail[0].type", equalTo("string_type"));
        as(tenant).get("/v1/orders/" + order.id()).then().body("billing_name", equalTo("Ada Lovelace"));
    }

    @Test
    void anotherOrganizationsOrderIsNotFoundAndATokenWithoutOrdersWriteIsRefused() {
        Order order = order();

        as(data.tenant()).body(Map.of("billing_name", "Eve")).patch("/v1/orders/" + order.id()).then().statusCode(404)
                .body("error", equalTo("ResourceNotFound"));
        as(data.withScopes(tenant, java.util.Set.of(dev.kassa.auth.Scope.ORDERS_READ))).body(Map.of("billing_name", "Eve"))
                .patch("/v1/orders/" + order.id()).then().statusCode(403).body("error", equalTo("insufficient_scope"));
        as(tenant).get("/v1/orders/" + order.id()).then().body("billing_name", equalTo("Ada Lovelace"));
    }

    @Test
    void theBuyerUpdatesTheirOwnOrderInThePortal() {
        Order order = order();

        buyer(customer).body(Map.of("billing_name", "Augusta Ada King")).patch("/v1/customer-portal/orders/" + order.id())
                .then().statusCode(200)
                .body("id", equalTo(order.id().toString()))
                .body("billing_name", equalTo("Augusta Ada King"));
    }

    @Test
    void anotherCustomersOrderIsNotFoundInThePortal() {
        Order order = order();
        Customer other = customers.create(NewCustomer.fromCheckout(tenant.organizationId(), "eve@example.com", null));

        buyer(other).body(Map.of("billing_name", "Eve")).patch("/v1/customer-portal/orders/" + order.id()).then()
                .statusCode(404).body("error", equalTo("ResourceNotFound"));
        anonymous().body(Map.of("billing_name", "Eve")).patch("/v1/customer-portal/orders/" + order.id()).then()
                .statusCode(401);
        as(tenant).get("/v1/orders/" + order.id()).then().body("billing_name", equalTo("Ada Lovelace"));
    }

    private byte[] invoicePdf(Order order) {
        return download(as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().statusCode(200).extract().path("url"))
                .asByteArray();
    }

    @Test
    void anInvoiceGeneratedWhileTheNameChangesShowsTheNameTheOrderKeeps() throws Exception {
        for (int round = 0; round < 10; round++) {
            Order order = order();
            List<Callable<Integer>> calls = List.of(
                    () -> as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().extract().statusCode(),
                    () -> as(tenant).body(Map.of("billing_name", "Ada Renamed"))
                            .patch("/v1/orders/" + order.id()).then().extract().statusCode());
            try (ExecutorService pool = Executors.newFixedThreadPool(2)) {
                for (Future<Integer> status : pool.invokeAll(calls)) {
                    assertThat(status.get()).isIn(200, 202, 422);
                }
            }
            String kept = as(tenant).get("/v1/orders/" + order.id()).then().extract().path("billing_name");
            assertThat(text(invoicePdf(order))).contains(kept);
        }
    }
}
