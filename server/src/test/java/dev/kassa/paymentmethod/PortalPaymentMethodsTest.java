package dev.kassa.paymentmethod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The customer portal's saved payment methods: set up with a confirmation token, listed, made the default, removed. */
class PortalPaymentMethodsTest extends ApiTest {

    private static final String RETURN_URL = "https://shop.example.com/account";

    private Tenant tenant;
    private String customerId;
    private String session;

    @BeforeEach
    void customerWithSession() {
        tenant = data.tenant();
        customerId = as(tenant).body(Map.of("email", "wallet@example.com", "name", "Ada Wallet"))
                .post("/v1/customers/").then().statusCode(201).extract().path("id");
        session = as(tenant).body(Map.of("customer_id", customerId)).post("/v1/customer-sessions/").then().statusCode(201)
                .extract().path("token");
    }

    private RequestSpecification portal() {
        return anonymous().header("Authorization", "Bearer " + session);
    }

    private String confirmationToken(String testCard) {
        return RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("payment_method", testCard).post("/_stripe/v1/test_helpers/confirmation_tokens").then()
                .statusCode(200).extract().path("id");
    }

    private io.restassured.response.ValidatableResponse add(String testCard, boolean setDefault) {
        return portal().body(Map.of("confirmation_token_id", confirmationToken(testCard), "set_default", setDefault,
                "return_url", RETURN_URL)).post("/v1/customer-portal/customers/me/payment-methods").then();
    }

    @Test
    void aCardSetUpAsTheDefaultIsSavedListedAndNamedTheCustomersDefault() {
        Map<String, Object> created = add("pm_card_mastercard", true).statusCode(201)
                .body("status", equalTo("succeeded"))
                .body("payment_method.type", equalTo("card"))
                .body("payment_method.processor", equalTo("stripe"))
                .body("payment_method.customer_id", equalTo(customerId))
                .body("payment_method.method_metadata.brand", equalTo("mastercard"))
                .body("payment_method.method_metadata.last4", equalTo("4444"))
                .extract().jsonPath().getMap("payment_method");

        portal().get("/v1/customer-portal/customers/me/payment-methods").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].id", equalTo(created.get("id")))
                .body("pagination.total_count", equalTo(1));
        portal().get("/v1/customer-portal/customers/me").then().statusCode(200)
                .body("default_payment_method_id", equalTo(created.get("id")));
    }

    @Test
    void theCardACheckoutSavedForASubscriptionIsListed() {
        String product = as(tenant).body(Map.of("name", "Monthly", "recurring_interval", "month",
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900)))).post("/v1/products/").then()
                .statusCode(201).extract().path("id");
        String secret = as(tenant).body(Map.of("products", List.of(product), "customer_id", customerId)).post("/v1/checkouts/")
                .then().statusCode(201).extract().path("client_secret");
        anonymous().body(Map.of("customer_billing_address", Map.of("country", "DE"),
                "confirmation_token_id", confirmationToken("pm_card_visa")))
                .post("/v1/checkouts/client/" + secret + "/confirm").then().statusCode(200);

        portal().get("/v1/customer-portal/customers/me/payment-methods").then().statusCode(200)
                .body("items", hasSize(1))
                .body("items[0].type", equalTo("card"))
                .body("items[0].method_metadata.brand", equalTo("visa"))
                .body("items[0].method_metadata.last4", equalTo("4242"));
    }

    @Test
    void aCardNotSetAsTheDefaultLeavesTheDefaultAlone() {
        String first = add("pm_card_visa", true).statusCode(201).extract().path("payment_method.id");
        add("pm_card_mastercard", false).statusCode(201);

        portal().get("/v1/customer-portal/customers/me/payment-methods").then().statusCode(200).body("items", hasSize(2));
        portal().get("/v1/customer-portal/customers/me").then().body("default_payment_method_id", equalTo(first));
    }

    @Test
    void aDeclinedCardIsRefusedAndNothingIsSaved() {
        add("pm_card_chargeDeclined", true).statusCode(400)
                .body("error", equalTo("PaymentMethodSetupFailed"))
                .body("detail", startsWith("The payment method could not be set up: Your card was declined."));

        portal().get("/v1/customer-portal/customers/me/payment-methods").then().body("items", hasSize(0));
        portal().get("/v1/customer-portal/customers/me").then().body("default_payment_method_id", nullValue());
    }

    @Test
    void aCardThatNeedsAuthenticationIsSavedOnceTheBuyerConfirmsIt() {
        String clientSecret = add("pm_card_threeDSecure2Required", true).statusCode(201)
                .body("status", equalTo("requires_action"))
                .extract().path("client_secret");
        String setupIntent = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
        RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                .formParam("outcome", "succeed")
                .post("/_stripe/v1/test_helpers/setup_intents/" + setupIntent + "/authenticate").then().statusCode(200);

        String id = portal().body(Map.of("setup_intent_id", setupIntent, "set_default", true))
                .post("/v1/customer-portal/customers/me/payment-methods/confirm").then().statusCode(201)
                .body("status", equalTo("succeeded"))
                .body("payment_method.method_metadata.last4", equalTo("3220"))
                .extract().path("payment_method.id");
        portal().get("/v1/customer-portal/customers/me").then().body("default_payment_method_id", equalTo(id));
    }

    @Test
    void anotherCustomersSetupIntentCannotBeConfirmed() {
        String otherCustomer = as(tenant).body(Map.of("email", "other@example.com")).post("/v1/customers/").then()
                .statusCode(201).extract().path("id");
        String otherSession = as(tenant).body(Map.of("customer_id", otherCustomer)).post("/v1/customer-sessions/").then()
                .statusCode(201).extract().path("token");
        String clientSecret = anonymous().header("Authorization", "Bearer " + otherSession)
                .body(Map.of("confirmation_token_id", confirmationToken("pm_card_threeDSecure2Required"), "set_default", true,
                        "return_url", RETURN_URL))
                .post("/v1/customer-portal/customers/me/payment-methods").then().statusCode(201).extract().path("client_secret");
        add("pm_card_visa", false).statusCode(201);

        portal().body(Map.of("setup_intent_id", clientSecret.substring(0, clientSecret.indexOf("_secret_")), "set_default", true))
                .post("/v1/customer-portal/customers/me/payment-methods/confirm").then().statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "setup_intent_id")))
                .body("detail[0].msg", equalTo("Invalid setup_intent_id."));
    }

    @Test
    void aCustomerWhoNeverPaidCannotConfirmASetup() {
        portal().body(Map.of("setup_intent_id", "seti_unknown", "set_default", true))
                .post("/v1/customer-portal/customers/me/payment-methods/confirm").then().statusCode(403)
                .body("error", equalTo("CustomerNotReady"));
    }

    @Test
    void aRemovedCardIsDetachedAndNoLongerListed() {
        String id = add("pm_card_visa", true).statusCode(201).extract().path("payment_method.id");

        portal().delete("/v1/customer-portal/customers/me/payment-methods/" + id).then().statusCode(204);

        portal().get("/v1/customer-portal/customers/me/payment-methods").then().body("items", hasSize(0));
        portal().get("/v1/customer-portal/customers/me").then().body("default_payment_method_id", nullValue());
        portal().delete("/v1/customer-portal/customers/me/payment-methods/" + id).then().statusCode(404)
                .body("error", equalTo("ResourceNotFound"));
    }

    @Test
    void aBodyWithoutTheTokenIsAValidationError() {
        portal().body(Map.of("set_default", "maybe")).post("/v1/customer-portal/customers/me/payment-methods").then()
                .statusCode(422)
                .body("detail.loc", equalTo(List.of(List.of("body", "confirmation_token_id"), List.of("body", "set_default"),
                        List.of("body", "return_url"))));
    }

    @Test
    void withoutACustomerSessionThePaymentMethodsAreNotShown() {
        anonymous().get("/v1/customer-portal/customers/me/payment-methods").then().statusCode(401);
        as(tenant).get("/v1/customer-portal/customers/me/payment-methods").then().statusCode(401);
        assertThat(session).startsWith("polar_cst_");
    }
}
