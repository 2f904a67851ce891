package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;

import io.restassured.RestAssured;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/checkouts/client/{client_secret}/confirm} and what follows it: reference 7.2 and 7.5. */
class ConfirmCheckoutTest extends CheckoutTestSupport {

    @Nested
    class Paying {

        @Test
        void aOneTimePurchaseBecomesAnOrderWithTheCheckoutsAmounts() throws Exception {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));

            confirm((String) checkout.get("client_secret"), paidBody("ada@example.com", VISA)).statusCode(200)
                    .body("status", equalTo("confirmed"))
                    .body("customer_session_token", matchesPattern("^polar_cst_[A-Za-z0-9]{40,}$"))
                    .body("payment_processor_metadata.intent_status", equalTo("succeeded"))
                    .body("total_amount", equalTo(1999))
                    .body("tax_amount", equalTo(319));

            assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].billing_reason", equalTo("purchase"))
                    .body("items[0].total_amount", equalTo(1999))
                    .body("items[0].tax_amount", equalTo(319))
                    .body("items[0].net_amount", equalTo(1680))
                    .body("items[0].status", equalTo("paid"));
        }

        @Test
        void theSessionTokenOpensTheBuyersPortal() throws Exception {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            String token = confirm((String) checkout.get("client_secret"), paidBody("portal@example.com", VISA)).statusCode(200)
                    .extract().path("customer_session_token");
            awaitStatus((String) checkout.get("id"), "succeeded");

            anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/customers/me").then().statusCode(200)
                    .body("email", equalTo("portal@example.com"));
            anonymous().header("Authorization", "Bearer " + token).get("/v1/customer-portal/orders/").then().statusCode(200)
                    .body("items", hasSize(1)).body("items[0].total_amount", equalTo(1999));
        }

        @Test
        void aMonthlyProductBecomesASubscriptionAndItsFirstOrder() throws Exception {
            Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));

            confirm((String) checkout.get("client_secret"), paidBody("sub@example.com", VISA)).statusCode(200);

            awaitStatus((String) checkout.get("id"), "succeeded");
            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then()
                    .body("items[0].billing_reason", equalTo("subscription_create"));
            as(tenant).get("/v1/subscriptions/").then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].status", equalTo("active"))
                    .body("items[0].recurring_interval", equalTo("month"));
        }

        @Test
        void theFirstOrdersItemBillsTheSubscriptionsFirstPeriod() throws Exception {
            Map<String, Object> checkout = checkoutFor(recurringProduct("Pro", 900));
            confirm((String) checkout.get("client_secret"), paidBody("period@example.com", VISA)).statusCode(200);
            awaitStatus((String) checkout.get("id"), "succeeded");

            var subscription = as(tenant).get("/v1/subscriptions/").then().extract().jsonPath();
            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then()
                    .body("items[0].items[0].start_timestamp", equalTo(subscription.getString("items[0].current_period_start")))
                    .body("items[0].items[0].end_timestamp", equalTo(subscription.getString("items[0].current_period_end")))
                    .body("items[0].subscription.current_meter_period_start",
                            equalTo(subscription.getString("items[0].current_period_start")))
                    .body("items[0].subscription.pause_at_period_end", equalTo(false));
        }

        @Test
        void aFreeProductNeedsNoPaymentDetails() throws Exception {
            Map<String, Object> checkout = checkoutFor(product("Freebie", List.of(Map.of("amount_type", "free"))));

            confirm((String) checkout.get("client_secret"), Map.of("customer_email", "free@example.com")).statusCode(200)
                    .body("status", equalTo("confirmed"))
                    .body("is_payment_form_required", equalTo(false));

            assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().body("items[0].total_amount", equalTo(0));
        }

        /** The 2026-10 API's free price: a fixed price of 0, the same as the legacy free type everywhere. */
        @Test
        void aFixedPriceOfZeroIsAFreeCheckout() throws Exception {
            Map<String, Object> checkout = checkoutFor(product("Zero", List.of(Map.of("amount_type", "fixed", "price_amount", 0))));
            assertThat(checkout.get("is_free_product_price")).isEqualTo(true);
            assertThat(checkout.get("is_payment_required")).isEqualTo(false);
            assertThat(checkout.get("is_payment_form_required")).isEqualTo(false);
            assertThat(checkout.get("total_amount")).isEqualTo(0);

            confirm((String) checkout.get("client_secret"), Map.of("customer_email", "zero@example.com")).statusCode(200)
                    .body("status", equalTo("confirmed"))
                    .body("is_free_product_price", equalTo(true))
                    .body("is_payment_form_required", equalTo(false));

            assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().body("items[0].total_amount", equalTo(0));
        }

        @Test
        void aDeclinedCardLeavesTheCheckoutOpenAndAGoodCardThenPays() throws Exception {
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000, "code", "ONCEONLY", "max_redemptions", 1));
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)), "discount_id", discount));
            String secret = (String) checkout.get("client_secret");

            confirm(secret, paidBody("declined@example.com", DECLINED)).statusCode(400)
                    .body("error", equalTo("PaymentError"))
                    .body("detail", equalTo("The payment failed: Your card was declined. Please try again with a different payment method."));

            clientGet(secret).statusCode(200).body("status", equalTo("open")).body("discount_id", equalTo(discount));
            as(tenant).get("/v1/discounts/" + discount).then().body("redemptions_count", equalTo(0));

            confirm(secret, paidBody("declined@example.com", VISA)).statusCode(200).body("status", equalTo("confirmed"));
            assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
            as(tenant).get("/v1/discounts/" + discount).then().body("redemptions_count", equalTo(1));
        }

        @Test
        void aBuyerMatchedByEmailGetsNoSessionToken() throws Exception {
            Map<String, Object> first = checkoutFor(fixedProduct("Book", 1999));
            confirm((String) first.get("client_secret"), paidBody("known@example.com", VISA)).statusCode(200);
            Map<String, Object> second = checkoutFor(fixedProduct("Book", 1999));

            confirm((String) second.get("client_secret"), paidBody("KNOWN@example.com", VISA)).statusCode(200)
                    .body("customer_session_token", equalTo(""));
        }

        @Test
        void anExternalIdTakenByAnotherEmailIsRefused() {
            String secret = (String) createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "external_customer_id", "user_7")).get("client_secret");
            // The customer appears after the checkout was created, so the checkout is not linked to it.
            as(tenant).body(Map.of("email", "owner@example.com", "external_id", "user_7")).post("/v1/customers/").then().statusCode(201);

            confirm(secret, paidBody("someone-else@example.com", VISA)).statusCode(422)
                    .body("error", equalTo("CheckoutCustomerExternalIdMismatch"))
                    .body("detail", equalTo("A customer with this external ID already exists but with a different email address."));
        }

        @Test
        void aCheckoutForAKnownCustomerIsPrefilledAndItsTokenIssued() {
            String customer = as(tenant).body(Map.of("email", "linked@example.com", "name", "Linked Buyer")).post("/v1/customers/")
                    .then().statusCode(201).extract().path("id");
            String secret = (String) createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_id", customer))
                    .get("client_secret");
            clientGet(secret).body("customer_email", equalTo("linked@example.com")).body("customer_name", equalTo("Linked Buyer"));

            confirm(secret, Map.of("customer_billing_address", Map.of("country", "DE"), "confirmation_token_id", confirmationToken(VISA)))
                    .statusCode(200)
                    .body("customer_id", equalTo(customer))
                    .body("customer_session_token", matchesPattern("^polar_cst_.*"));
        }

        @Test
        void customerMetadataIsMergedIntoTheCustomerCheckoutKeysWinning() {
            String customer = as(tenant).body(Map.of("email", "meta@example.com", "metadata", Map.of("tier", "silver", "since", "2020")))
                    .post("/v1/customers/").then().statusCode(201).extract().path("id");
            String secret = (String) createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_id", customer,
                    "customer_metadata", Map.of("tier", "gold"))).get("client_secret");

            confirm(secret, Map.of("customer_billing_address", Map.of("country", "DE"), "confirmation_token_id", confirmationToken(VISA)))
                    .statusCode(200);

            as(tenant).get("/v1/customers/" + customer).then().statusCode(200)
                    .body("metadata", equalTo(Map.of("tier", "gold", "since", "2020")));
        }

        @Test
        void aStripeCustomerThatNoLongerExistsIsReplaced() {
            String customer = as(tenant).body(Map.of("email", "gone@example.com")).post("/v1/customers/").then().statusCode(201)
                    .extract().path("id");
            jdbc.sql("UPDATE customers SET stripe_customer_id = 'cus_deleted_in_stripe' WHERE id = :id")
                    .param("id", UUID.fromString(customer)).update();
            String secret = (String) createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_id", customer))
                    .get("client_secret");

            confirm(secret, Map.of("customer_billing_address", Map.of("country", "DE"), "confirmation_token_id", confirmationToken(VISA)))
                    .statusCode(200)
                    .body("payment_processor_metadata.customer_id", matchesPattern("^cus_(?!deleted).*"));
        }

        @Test
        void aSecondConfirmIsRefused() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            confirm((String) checkout.get("client_secret"), paidBody("twice@example.com", VISA)).statusCode(200);

            confirm((String) checkout.get("client_secret"), paidBody("twice@example.com", VISA)).statusCode(403)
                    .body("error", equalTo("NotOpenCheckout"));
        }
    }

    @Nested
    class Flows {

        @Test
        void aFullFirstMonthDiscountOnASubscriptionSavesTheCardWithASetupIntent() throws Exception {
            String discount = discount(Map.of("type", "percentage", "basis_points", 10_000, "duration", "once"));
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(recurringProduct("Pro", 900)), "discount_id", discount));

            confirm((String) checkout.get("client_secret"), paidBody("setup@example.com", VISA)).statusCode(200)
                    .body("payment_processor_metadata.intent_client_secret", matchesPattern("^seti_.*"));

            assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then()
                    .body("items[0].total_amount", equalTo(0)).body("items[0].billing_reason", equalTo("subscription_create"));
        }

        @Test
        void threeDSecureIsFinishedByTheBuyerThenFulfilled() throws Exception {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));

            String clientSecret = confirm((String) checkout.get("client_secret"), paidBody("3ds@example.com", "pm_card_authenticationRequired"))
                    .statusCode(200)
                    .body("status", equalTo("confirmed"))
                    .body("payment_processor_metadata.intent_status", equalTo("requires_action"))
                    .extract().path("payment_processor_metadata.intent_client_secret");
            assertThat(statusOf((String) checkout.get("id"))).isEqualTo("confirmed");

            String intentId = clientSecret.substring(0, clientSecret.indexOf("_secret_"));
            RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "").formParam("outcome", "succeed")
                    .post("/_stripe/v1/test_helpers/payment_intents/" + intentId + "/authenticate").then().statusCode(200);

            assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
        }

        @Test
        void failedThreeDSecurePutsTheCheckoutBackToOpen() throws Exception {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            String clientSecret = confirm((String) checkout.get("client_secret"), paidBody("3dsfail@example.com", "pm_card_authenticationRequired"))
                    .statusCode(200).extract().path("payment_processor_metadata.intent_client_secret");
            String intentId = clientSecret.substring(0, clientSecret.indexOf("_secret_"));

            RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "").formParam("outcome", "fail")
                    .post("/_stripe/v1/test_helpers/payment_intents/" + intentId + "/authenticate").then().statusCode(200);

            assertThat(awaitStatus((String) checkout.get("id"), "open")).isEqualTo("open");
            clientGet((String) checkout.get("client_secret")).body("payment_processor_metadata.intent_status", org.hamcrest.Matchers.nullValue());
        }

        @Test
        void aCheckoutReopenedAfterAFailedPaymentStillGivesNoTokenForAnEmailMatch() throws Exception {
            Map<String, Object> victimCheckout = checkoutFor(fixedProduct("Book", 1999));
            confirm((String) victimCheckout.get("client_secret"), paidBody("victim@example.com", VISA)).statusCode(200);
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            String secret = (String) checkout.get("client_secret");
            String clientSecret = confirm(secret, paidBody("victim@example.com", "pm_card_authenticationRequired")).statusCode(200)
                    .body("customer_session_token", equalTo("")).extract().path("payment_processor_metadata.intent_client_secret");
            RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "").formParam("outcome", "fail")
                    .post("/_stripe/v1/test_helpers/payment_intents/" + clientSecret.substring(0, clientSecret.indexOf("_secret_"))
                            + "/authenticate").then().statusCode(200);
            awaitStatus((String) checkout.get("id"), "open");

            confirm(secret, paidBody("victim@example.com", VISA)).statusCode(200).body("customer_session_token", equalTo(""));
        }

        @Test
        void thePerCustomerLimitCountsEmailAliases() throws Exception {
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000, "max_redemptions_per_customer", 1));
            String product = fixedProduct("Book", 1999);
            Map<String, Object> first = createCheckout(Map.of("products", List.of(product), "discount_id", discount));
            confirm((String) first.get("client_secret"), paidBody("ada@example.com", VISA)).statusCode(200);

            Map<String, Object> second = createCheckout(Map.of("products", List.of(product), "discount_id", discount));
            confirm((String) second.get("client_secret"), paidBody("Ada+again@example.com", VISA)).statusCode(403)
                    .body("error", equalTo("DiscountRedemptionLimitReached"))
                    .body("detail", equalTo("You have already redeemed this discount the maximum number of times allowed per customer."));
            clientGet((String) second.get("client_secret")).body("status", equalTo("open"));
        }
    }

    @Nested
    class Validation {

        @Test
        void everyMissingFieldIsReportedAtOnce() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            confirm(secret, Map.of("customer_billing_address", Map.of("country", "US"))).statusCode(422)
                    .body("error", equalTo("PolarRequestValidationError"))
                    .body("detail.loc", equalTo(List.of(
                            List.of("body", "customer_billing_address"),
                            List.of("body", "customer_email"),
                            List.of("body", "customer_billing_address", "city"),
                            List.of("body", "customer_billing_address", "line1"),
                            List.of("body", "customer_billing_address", "postal_code"),
                            List.of("body", "customer_billing_address", "state"),
                            List.of("body", "confirmation_token_id"))))
                    .body("detail[0].msg", equalTo("Required tax location information is missing."))
                    .body("detail[1].msg", equalTo("Field is required."))
                    .body("detail[6].msg", equalTo("Confirmation token is required."));
        }

        @Test
        void requiredCustomFieldsMustBeResentOnConfirm() {
            String field = textField("company");
            String product = product(Map.of("name", "Fields", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)),
                    "attached_custom_fields", List.of(Map.of("custom_field_id", field, "required", true))));
            String secret = (String) createCheckout(Map.of("products", List.of(product), "custom_field_data", Map.of("company", "Acme")))
                    .get("client_secret");

            confirm(secret, paidBody("fields@example.com", VISA)).statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "custom_field_data", "company")))
                    .body("detail[0].type", equalTo("missing"));
        }

        @Test
        void aTaxLocationProblemIsA422AtConfirm() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            confirm(secret, Map.of("customer_email", "tax@example.com", "confirmation_token_id", confirmationToken(VISA),
                    "customer_billing_address", Map.of("country", "US", "state", "CA", "line1", "1 Main", "city", "SF",
                            "postal_code", "ABCDE"))).statusCode(422)
                    .body("detail.loc", equalTo(List.of(List.of("body", "customer_billing_address"))));
        }

        @Test
        void badBodiesAreRejectedWithoutA500() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            anonymous().body("[]").post("/v1/checkouts/client/" + secret + "/confirm").then().statusCode(422);
            anonymous().body("{\"confirmation_token_id\": 5}").post("/v1/checkouts/client/" + secret + "/confirm").then().statusCode(422);
            confirm("polar_c_unknown", Map.of()).statusCode(404);
        }
    }

    @Nested
    class Webhooks {

        @Test
        void aReplayedWebhookStillMakesOneOrder() throws Exception {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            confirm((String) checkout.get("client_secret"), paidBody("replay@example.com", VISA)).statusCode(200);
            awaitStatus((String) checkout.get("id"), "succeeded");
            List<String> events = List.of();
            for (int i = 0; i < 100 && events.isEmpty(); i++) {
                Thread.sleep(50);
                events = jdbc.sql("SELECT id FROM stripe_events WHERE payload -> 'data' -> 'object' -> 'metadata' ->> 'checkout_id' = :id")
                        .param("id", checkout.get("id")).query(String.class).list();
            }
            assertThat(events).isNotEmpty();

            for (String event : events) {
                RestAssured.given().port(port).auth().preemptive().basic("sk_test_kassa_emulator", "")
                        .post("/_stripe/v1/test_helpers/events/" + event + "/resend").then().statusCode(200);
            }
            Thread.sleep(1500);

            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().body("items", hasSize(1));
        }

        @Test
        void aChargeWhoseAnswerIsLostIsNeverReportedAsFailedAndEndsInOneOrder() throws Exception {
            // The emulator's test trigger: it charges, then answers 500, so Kassa cannot tell whether money moved.
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "metadata", Map.of("emulator_fail_after_charge", "500")));

            confirm((String) checkout.get("client_secret"), paidBody("lost@example.com", VISA)).statusCode(200)
                    .body("status", equalTo("confirmed"))
                    .body("payment_processor_metadata.intent_status", equalTo("processing"));

            assertThat(awaitStatus((String) checkout.get("id"), "succeeded")).isEqualTo("succeeded");
            as(tenant).queryParam("checkout_id", checkout.get("id")).get("/v1/orders/").then().body("items", hasSize(1));
            assertThat(jdbc.sql("SELECT status FROM payment_attempts WHERE checkout_id = :id")
                    .param("id", UUID.fromString((String) checkout.get("id"))).query(String.class).single()).isEqualTo("succeeded");
        }
    }
}
