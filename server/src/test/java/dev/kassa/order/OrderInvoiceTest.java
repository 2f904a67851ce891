package dev.kassa.order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import dev.kassa.auth.Scope;
import dev.kassa.order.OrderDraft.ItemDraft;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** {@code POST/GET /v1/orders/{id}/invoice}: Polar's invoice, generated once, downloaded as a PDF. */
class OrderInvoiceTest extends OrderDocumentTestSupport {

    @Test
    void aBoughtOrdersInvoiceIsGeneratedThenDownloadedAsAPdfNamingSellerBuyerItemsAndTotals() {
        String product = as(tenant).body(Map.of("name", "Pro Handbook", "prices",
                List.of(Map.of("amount_type", "fixed", "price_amount", 4900)))).post("/v1/products/").then()
                .statusCode(201).extract().path("id");
        Map<String, Object> checkout = as(tenant).body(Map.of("products", List.of(product))).post("/v1/checkouts/").then()
                .statusCode(201).extract().jsonPath().getMap("");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", "pm_card_visa").post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");
        anonymous().body(Map.of("customer_email", "grace@example.com", "customer_name", "Grace Hopper",
                        "customer_billing_name", "Hopper Labs GmbH",
                        "customer_billing_address", Map.of("line1", "Hauptstraße 1", "postal_code", "80331", "city", "München",
                                "country", "DE"),
                        "customer_tax_id", "DE136695976", "confirmation_token_id", token))
                .post("/v1/checkouts/client/" + checkout.get("client_secret") + "/confirm").then().statusCode(200);
        String orderId = as(tenant).get("/v1/orders/?checkout_id=" + checkout.get("id")).then().statusCode(200)
                .extract().path("items[0].id");
        String number = as(tenant).get("/v1/orders/" + orderId).then().body("is_invoice_generated", equalTo(false))
                .extract().path("invoice_number");

        as(tenant).get("/v1/orders/" + orderId + "/invoice").then().statusCode(404)
                .body("error", equalTo("ResourceNotFound"))
                .body("detail", equalTo("No invoice exists for order " + orderId + "."));
        String generated = as(tenant).post("/v1/orders/" + orderId + "/invoice").then().statusCode(202)
                .contentType("application/json").extract().asString();
        String url = as(tenant).get("/v1/orders/" + orderId + "/invoice").then().statusCode(200)
                .body("url", startsWith("http://localhost:8000/documents/invoice/" + orderId + "/Invoice-" + number + ".pdf?"))
                .extract().path("url");
        Response pdf = download(url);

        assertThat(generated).isEqualTo("null");
        as(tenant).get("/v1/orders/" + orderId).then().body("is_invoice_generated", equalTo(true));
        assertThat(pdf.statusCode()).isEqualTo(200);
        assertThat(pdf.contentType()).isEqualTo("application/pdf");
        assertThat(pdf.header("Content-Disposition")).isEqualTo("attachment; filename=\"Invoice-" + number + ".pdf\"");
        String text = text(pdf.asByteArray());
        assertThat(text).contains("Invoice", "Invoice number " + number, "Test org-", "Hopper Labs GmbH", "Hauptstraße 1",
                "80331 München", "Germany", "DE136695976", "Pro Handbook", "$49.00", "Subtotal", "Total");
    }

    @Test
    void theInvoiceListsEachItemWithItsPeriodAndTheDiscountTaxAndTotal() {
        Instant start = Instant.parse("2026-03-01T00:00:00Z");
        Instant end = Instant.parse("2026-04-01T00:00:00Z");
        Order order = order("Ada Lovelace", BERLIN, "eur", 120000, 20000, 19000, "pi_test",
                List.of(new ItemDraft("Team plan", 100000, 19000, false, priceId, start, end)));
        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);

        String text = text(download(as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().extract().path("url"))
                .asByteArray());

        assertThat(text).contains("Team plan", "March 1, 2026 - April 1, 2026", "€1,000.00", "Subtotal €1,200.00",
                "Discount -€200.00", "Total excluding tax €1,000.00", "Tax €190.00", "Total €1,190.00",
                "Unter den Linden 5", "3. OG", "10117 Berlin", "Bill to".toUpperCase(), "From".toUpperCase(),
                "Page 1 of 1", "Date of issue");
        assertThat(text).doesNotContain("Amount refunded");
    }

    @Test
    void zeroDecimalCurrenciesAreWrittenWithoutDecimals() {
        Order order = order("Yamada Taro", BERLIN, "jpy", 1500, 0, 0, "pi_test",
                List.of(new ItemDraft("Field Guide", 1500, 0, false, priceId, null, null)));
        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);

        String text = text(download(as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().extract().path("url"))
                .asByteArray());

        assertThat(text).contains("¥1,500", "Subtotal ¥1,500", "Total ¥1,500").doesNotContain("¥15.00", "Tax");
    }

    @Test
    void latinGreekAndCyrillicPrintAsIsAndCharactersWithoutAGlyphAsQuestionMarks() {
        Order order = order("Łukasz Żółć Дмитрий Σοφία 山田", BERLIN, "usd", 1500, 0, 0, "pi_test",
                List.of(new ItemDraft("Guide\tcomplet — édition 2", 1500, 0, false, priceId, null, null)));

        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);

        String text = text(download(as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().extract().path("url"))
                .asByteArray());
        assertThat(text).contains("Łukasz Żółć Дмитрий Σοφία ??", "Guide complet — édition 2");
    }

    @Test
    void anInvoiceIsPermanentGeneratingAgainKeepsTheFirstAndSendsOrderUpdatedOnce() {
        as(tenant).body(Map.of("url", "http://127.0.0.1:9/hook", "format", "raw", "events", List.of("order.updated")))
                .post("/v1/webhooks/endpoints").then().statusCode(201);
        Order order = order();
        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);
        byte[] first = download(as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().extract().path("url"))
                .asByteArray();
        jdbc.sql("UPDATE orders SET billing_name = 'Someone Else' WHERE id = :id").param("id", order.id()).update();

        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);

        byte[] second = download(as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().extract().path("url"))
                .asByteArray();
        assertThat(second).isEqualTo(first);
        assertThat(text(second)).contains("Ada Lovelace").doesNotContain("Someone Else");
        List<String> payloads = jdbc.sql("SELECT payload FROM webhook_events WHERE organization_id = :org AND type = 'order.updated'")
                .param("org", tenant.organizationId()).query(String.class).list();
        assertThat(payloads).hasSize(1);
        assertThat(payloads.getFirst()).contains("\"id\":\"" + order.id() + "\"", "\"is_invoice_generated\":true");
    }

    @Test
    void concurrentRequestsStoreOneInvoiceAndRecordOneOrderUpdated() throws Exception {
        as(tenant).body(Map.of("url", "http://127.0.0.1:9/hook", "format", "raw", "events", List.of("order.updated")))
                .post("/v1/webhooks/endpoints").then().statusCode(201);
        Order order = order();
        int threads = 8;
        java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
        try (var pool = java.util.concurrent.Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                statuses.add(pool.submit(() -> {
                    start.await();
                    return as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().extract().statusCode();
                }));
            }
            start.countDown();
            for (var status : statuses) {
                assertThat(status.get()).isEqualTo(202);
            }
        }

        assertThat(jdbc.sql("SELECT count(*) FROM order_invoices WHERE order_id = :id").param("id", order.id())
                .query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM webhook_events WHERE organization_id = :org AND type = 'order.updated'")
                .param("org", tenant.organizationId()).query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void generatingChangesTheOrdersModifiedAt() {
        Order order = order();
        Object before = as(tenant).get("/v1/orders/" + order.id()).then().extract().path("modified_at");

        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(202);

        assertThat(before).isNull();
        as(tenant).get("/v1/orders/" + order.id()).then().body("modified_at", org.hamcrest.Matchers.notNullValue());
    }

    @Test
    void anOrderWithoutBillingNameOrAddressGetsPolarsMissingInvoiceBillingDetails() {
        Order noName = order(null, BERLIN, "usd", 1500, 0, 0, "pi_test",
                List.of(new ItemDraft("Field Guide", 1500, 0, false, priceId, null, null)));
        Order noAddress = order("Ada Lovelace", null, "usd", 1500, 0, 0, "pi_test",
                List.of(new ItemDraft("Field Guide", 1500, 0, false, priceId, null, null)));

        for (Order order : List.of(noName, noAddress)) {
            as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(422)
                    .body("error", equalTo("MissingInvoiceBillingDetails"))
                    .body("detail", equalTo("Billing name and address are required to generate an invoice for this order."));
            as(tenant).get("/v1/orders/" + order.id()).then().body("is_invoice_generated", equalTo(false));
            as(tenant).get("/v1/orders/" + order.id() + "/invoice").then().statusCode(404);
        }
    }

    @Test
    void anOrderWithoutAnInvoiceNumberIsNotEligible() {
        Order order = order();
        jdbc.sql("UPDATE orders SET invoice_number = NULL, status = 'pending' WHERE id = :id").param("id", order.id()).update();

        as(tenant).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(409)
                .body("error", equalTo("OrderNotEligibleForInvoice"))
                .body("detail", equalTo("Order " + order.id() + " is not eligible for invoice generation (current status: pending)."));
    }

    @Test
    void anotherOrganizationsOrderAndAnUnknownOrderAreNotFound() {
        Order order = order();
        var stranger = data.tenant();

        as(stranger).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        as(stranger).get("/v1/orders/" + order.id() + "/invoice").then().statusCode(404);
        as(stranger).get("/v1/orders/" + order.id() + "/receipt").then().statusCode(404);
        as(tenant).post("/v1/orders/" + UUID.randomUUID() + "/invoice").then().statusCode(404);
        as(tenant).post("/v1/orders/nope/invoice").then().statusCode(422);
        as(tenant).get("/v1/orders/" + order.id()).then().body("is_invoice_generated", equalTo(false));
    }

    @Test
    void theInvoiceEndpointsNeedOrdersRead() {
        Order order = order();
        var productsOnly = data.withScopes(tenant, Set.of(Scope.PRODUCTS_READ));

        as(productsOnly).post("/v1/orders/" + order.id() + "/invoice").then().statusCode(403);
        as(productsOnly).get("/v1/orders/" + order.id() + "/invoice").then().statusCode(403);
        as(productsOnly).get("/v1/orders/" + order.id() + "/receipt").then().statusCode(403);
        anonymous().post("/v1/orders/" + order.id() + "/invoice").then().statusCode(401);
        as(data.withScopes(tenant, Set.of(Scope.ORDERS_READ))).post("/v1/orders/" + order.id() + "/invoice").then()
                .statusCode(202);
    }
}
