package dev.kassa.renewal;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.RestAssured;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A buyer whose renewal was declined fixes it in the portal: the new default card is charged at once. */
class PastDueFixedInPortalTest extends RenewalTestSupport {

    @Test
    void aNewDefaultCardFromThePortalPaysThePastDueRenewalAndReactivatesTheSubscription() throws Exception {
        UUID id = subscribe(monthlyProduct(1500), CHARGE_CUSTOMER_FAIL);
        assertThat(advance(id).getString("status")).isEqualTo("past_due");
        String customerId = subscription(id).getString("customer_id");
        String session = merchant().body(Map.of("customer_id", customerId)).post("/v1/customer-sessions/").then()
                .statusCode(201).extract().path("token");
        String token = RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", VISA).post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");

        String cardId = buyer().header("Authorization", "Bearer " + session)
                .body(Map.of("confirmation_token_id", token, "set_default", true, "return_url", "https://shop.example.com/account"))
                .post("/v1/customer-portal/customers/me/payment-methods").then().statusCode(201)
                .extract().path("payment_method.id");

        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!"active".equals(subscription(id).getString("status")) && Instant.now().isBefore(deadline)) {
            Thread.sleep(100);
        }
        assertThat(subscription(id).getString("status")).isEqualTo("active");
        assertThat(orders(id)).extracting(o -> o.get("billing_reason") + ":" + o.get("status"))
                .containsExactlyInAnyOrder("subscription_create:paid", "subscription_cycle:paid");
        String processorId = jdbc.sql("SELECT processor_id FROM payment_methods WHERE id = :id")
                .param("id", UUID.fromString(cardId)).query(String.class).single();
        assertThat(paymentMethodOf(id)).isEqualTo(processorId);
        assertThat(buyer().header("Authorization", "Bearer " + session).get("/v1/customer-portal/customers/me").then()
                .extract().<String>path("default_payment_method_id")).isEqualTo(cardId);
    }

    @Test
    void theCardAPastDueSubscriptionIsBilledWithCannotBeRemoved() {
        UUID id = subscribe(monthlyProduct(1500), CHARGE_CUSTOMER_FAIL);
        assertThat(advance(id).getString("status")).isEqualTo("past_due");
        String session = merchant().body(Map.of("customer_id", subscription(id).getString("customer_id")))
                .post("/v1/customer-sessions/").then().statusCode(201).extract().path("token");
        String cardId = buyer().header("Authorization", "Bearer " + session)
                .get("/v1/customer-portal/customers/me/payment-methods").then().statusCode(200)
                .extract().path("items[0].id");

        buyer().header("Authorization", "Bearer " + session)
                .delete("/v1/customer-portal/customers/me/payment-methods/" + cardId).then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("PaymentMethodInUseByActiveSubscription"));
    }
}
