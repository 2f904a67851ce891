package dev.kassa.refund;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /v1/refunds/}: Polar's filters, sorting and pagination, within the token's organization. */
class RefundListTest extends RefundTestSupport {

    @Test
    void refundsAreFilteredByOrderSubscriptionCustomerIdAndSuccess() {
        Map<String, Object> one = purchase(1000, "DE", "pm_card_visa");
        Map<String, Object> sub = purchase(Map.of("name", "Pro", "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))), "DE", "pm_card_visa");
        Map<String, Object> pending = purchase(1000, "DE", "pm_card_pendingRefund");
        String a = refund((String) one.get("id"), 100).statusCode(201).extract().path("id");
        String b = refund((String) one.get("id"), 200).statusCode(201).extract().path("id");
        String c = refund((String) sub.get("id"), 300).statusCode(201).body("subscription_id", equalTo(sub.get("subscription_id")))
                .extract().path("id");
        String d = refund((String) pending.get("id"), 50).statusCode(201).body("status", equalTo("pending")).extract().path("id");

        as(tenant).get("/v1/refunds/").then().statusCode(200)
                .body("items.id", equalTo(List.of(d, c, b, a)))
                .body("pagination.total_count", equalTo(4));
        as(tenant).queryParam("order_id", one.get("id")).get("/v1/refunds/").then().body("items.id", equalTo(List.of(b, a)));
        as(tenant).queryParam("subscription_id", sub.get("subscription_id")).get("/v1/refunds/").then()
                .body("items.id", equalTo(List.of(c)));
        as(tenant).queryParam("customer_id", pending.get("customer_id")).get("/v1/refunds/").then()
                .body("items.id", equalTo(List.of(d)));
        as(tenant).queryParam("id", a).queryParam("id", c).get("/v1/refunds/").then().body("items.id", equalTo(List.of(c, a)));
        as(tenant).queryParam("succeeded", "false").get("/v1/refunds/").then().body("items.id", equalTo(List.of(d)));
        as(tenant).queryParam("succeeded", "true").queryParam("sorting", "amount").get("/v1/refunds/").then()
                .body("items.id", equalTo(List.of(a, b, c)));
        as(tenant).queryParam("limit", 2).queryParam("page", 2).get("/v1/refunds/").then()
                .body("items.id", equalTo(List.of(b, a)))
                .body("pagination.max_page", equalTo(2));
        as(data.tenant()).get("/v1/refunds/").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void refundsAreFilteredByTheCustomersExternalId() {
        String order = paidOrder(1000);
        String other = paidOrder(1000);
        jdbc.sql("UPDATE customers SET external_id = 'ext-42' WHERE id = (SELECT customer_id FROM orders WHERE id = CAST(:id AS uuid))")
                .param("id", order).update();
        String refund = refund(order, 100).statusCode(201).extract().path("id");
        refund(other, 100).statusCode(201);
        as(tenant).queryParam("external_customer_id", "ext-42").get("/v1/refunds/").then().statusCode(200)
                .body("items.id", equalTo(List.of(refund)));
    }

    @Test
    void badFiltersAreValidationErrors() {
        as(tenant).queryParam("order_id", "nope").queryParam("sorting", "status").get("/v1/refunds/").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("query", "order_id")));
    }
}
