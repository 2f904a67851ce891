package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.support.StatementCounting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.transaction.support.TransactionTemplate;

/** Reading, listing, updating and expiring checkouts: reference 1.1, 1.2, 1.4-1.6, 2.2 and 7.4. */
class CheckoutUpdateTest extends CheckoutTestSupport {

    @Autowired
    TransactionTemplate transactions;

    @Autowired
    CheckoutExpiryJob expiryJob;

    @Nested
    class MerchantReads {

        @Test
        void getsItsOwnCheckout() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));

            as(tenant).get("/v1/checkouts/" + checkout.get("id")).then().statusCode(200)
                    .body("id", equalTo(checkout.get("id")))
                    .body("client_secret", equalTo(checkout.get("client_secret")));
        }

        @Test
        void anotherOrganizationsCheckoutIsNotFound() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));

            as(data.tenant()).get("/v1/checkouts/" + checkout.get("id")).then().statusCode(404).body("error", equalTo("ResourceNotFound"));
            as(data.tenant()).body(Map.of("metadata", Map.of("a", "b"))).patch("/v1/checkouts/" + checkout.get("id")).then().statusCode(404);
        }

        @Test
        void listsFiltersAndPaginates() {
            String book = fixedProduct("Book", 1999);
            String course = fixedProduct("Course", 4900);
            checkoutFor(book);
            createCheckout(Map.of("products", List.of(course), "customer_email", "ada@example.com"));
            String expired = (String) checkoutFor(book).get("id");
            as(tenant).post("/v1/checkouts/" + expired + "/expire").then().statusCode(200);

            as(tenant).get("/v1/checkouts/").then().statusCode(200).body("pagination.total_count", equalTo(3));
            as(tenant).queryParam("product_id", book).get("/v1/checkouts/").then().body("items", hasSize(2));
            as(tenant).queryParam("status", "expired").get("/v1/checkouts/").then().body("items.id", contains(expired));
            as(tenant).queryParam("query", "ADA@").get("/v1/checkouts/").then().body("items.customer_email", contains("ada@example.com"));
            as(tenant).queryParam("limit", 2).queryParam("page", 2).get("/v1/checkouts/").then()
                    .body("items", hasSize(1)).body("pagination.max_page", equalTo(2));
            as(tenant).queryParam("status", "lost").get("/v1/checkouts/").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "status")));
        }

        @Test
        void readingACheckoutRunsABoundedNumberOfStatements() {
            List<String> products = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                String field = textField("field-" + i);
                products.add(product(Map.of("name", "Product " + i, "prices", List.of(
                                Map.of("amount_type", "fixed", "price_amount", 1000 + i, "price_currency", "usd"),
                                Map.of("amount_type", "fixed", "price_amount", 900 + i, "price_currency", "eur")),
                        "attached_custom_fields", List.of(Map.of("custom_field_id", field, "required", false)))));
            }
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000));
            Map<String, Object> small = createCheckout(Map.of("products", products.subList(0, 1), "discount_id", discount));
            Map<String, Object> large = createCheckout(Map.of("products", products, "discount_id", discount));

            String smallKey = UUID.randomUUID().toString();
            String largeKey = UUID.randomUUID().toString();
            as(tenant).header(StatementCounting.HEADER, smallKey).get("/v1/checkouts/" + small.get("id")).then().statusCode(200);
            as(tenant).header(StatementCounting.HEADER, largeKey).get("/v1/checkouts/" + large.get("id")).then().statusCode(200);
            String clientKey = UUID.randomUUID().toString();
            anonymous().header(StatementCounting.HEADER, clientKey).get("/v1/checkouts/client/" + large.get("client_secret"))
                    .then().statusCode(200);
            String listKey = UUID.randomUUID().toString();
            as(tenant).header(StatementCounting.HEADER, listKey).get("/v1/checkouts/").then().statusCode(200);

            assertThat(StatementCounting.count(largeKey)).isEqualTo(StatementCounting.count(smallKey)).isLessThanOrEqualTo(12);
            assertThat(StatementCounting.count(clientKey)).isLessThanOrEqualTo(12);
            assertThat(StatementCounting.count(listKey)).isLessThanOrEqualTo(14);
        }
    }

    @Nested
    class MerchantUpdates {

        @Test
        void replacesMetadata() {
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)), "metadata", Map.of("a", "1")));

            merchantUpdate((String) checkout.get("id"), Map.of("metadata", Map.of("b", "2"))).statusCode(200)
                    .body("metadata", equalTo(Map.of("b", "2")))
                    .body("modified_at", notNullValue());
        }

        @Test
        void setsAndRemovesADiscount() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 2000));
            String discount = discount(Map.of("type", "percentage", "basis_points", 2500));
            String id = (String) checkout.get("id");

            merchantUpdate(id, Map.of("discount_id", discount)).statusCode(200)
                    .body("discount_amount", equalTo(500)).body("total_amount", equalTo(1500));
            merchantUpdate(id, "{\"discount_id\": null}").statusCode(200)
                    .body("discount_id", nullValue()).body("discount_amount", equalTo(0)).body("total_amount", equalTo(2000));
        }

        @Test
        void switchesCurrency() {
            String product = product("Global", List.of(
                    Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "usd"),
                    Map.of("amount_type", "fixed", "price_amount", 900, "price_currency", "eur")));
            String id = (String) checkoutFor(product).get("id");

            merchantUpdate(id, Map.of("currency", "eur")).statusCode(200).body("currency", equalTo("eur")).body("amount", equalTo(900));
            singleError(merchantUpdate(id, Map.of("currency", "gbp")), List.of("body", "currency"),
                    "Product is not available in the specified currency.");
        }

        @Test
        void updateOfANonOpenCheckoutIsForbidden() {
            String id = (String) checkoutFor(fixedProduct("Book", 1999)).get("id");
            setStatus(id, "confirmed");

            merchantUpdate(id, Map.of("metadata", Map.of())).statusCode(403)
                    .body("error", equalTo("NotOpenCheckout"))
                    .body("detail", equalTo("Checkout " + id + " is not open: confirmed"));
        }

        @Test
        void updateOfAnOverdueCheckoutSaysItExpired() {
            String id = (String) checkoutFor(fixedProduct("Book", 1999)).get("id");
            setExpiresAt(id, Instant.now().minusSeconds(5));

            merchantUpdate(id, Map.of("metadata", Map.of())).statusCode(403)
                    .body("detail", equalTo("Checkout " + id + " is not open: expired"));
        }

        @Test
        void aFailedUpdateChangesNothing() {
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "customer_email", "kept@example.com"));
            String id = (String) checkout.get("id");

            merchantUpdate(id, Map.of("customer_email", "new@example.com", "discount_id", UUID.randomUUID().toString())).statusCode(422);

            as(tenant).get("/v1/checkouts/" + id).then().body("customer_email", equalTo("kept@example.com"));
        }

        @Test
        void expireEndsAnOpenCheckoutOnce() {
            String id = (String) checkoutFor(fixedProduct("Book", 1999)).get("id");

            as(tenant).post("/v1/checkouts/" + id + "/expire").then().statusCode(200).body("status", equalTo("expired"));
            as(tenant).post("/v1/checkouts/" + id + "/expire").then().statusCode(403).body("error", equalTo("NotOpenCheckout"));
        }
    }

    @Nested
    class BuyerUpdates {

        @Test
        void clientGetNeedsNoToken() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));

            clientGet((String) checkout.get("client_secret")).statusCode(200)
                    .body("id", equalTo(checkout.get("id")))
                    .body("organization.id", equalTo(tenant.organizationId().toString()))
                    .body("metadata", nullValue())
                    .body("customer_metadata", nullValue())
                    .body("product.metadata", nullValue());
        }

        @Test
        void unknownSecretIsNotFound() {
            clientGet("polar_c_unknown").statusCode(404).body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void fillsCustomerDetailsAndGetsTaxForAUsAddress() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            clientUpdate(secret, Map.of("customer_email", "ada@example.com", "customer_name", "Ada Lovelace",
                    "customer_billing_address", Map.of("country", "US", "state", "CA", "line1", "1 Main St", "city", "San Francisco",
                            "postal_code", "94105"))).statusCode(200)
                    .body("customer_email", equalTo("ada@example.com"))
                    .body("customer_billing_address.state", equalTo("US-CA"))
                    .body("tax_amount", equalTo(145))
                    .body("tax_behavior", equalTo("exclusive"))
                    .body("net_amount", equalTo(1999))
                    .body("total_amount", equalTo(2144))
                    .body("billing_address_fields.state", equalTo("required"))
                    .body("billing_address_fields.postal_code", equalTo("required"));
        }

        @Test
        void germanAddressGetsInclusiveVat() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            clientUpdate(secret, Map.of("customer_billing_address", Map.of("country", "DE"))).statusCode(200)
                    .body("tax_amount", equalTo(319)).body("net_amount", equalTo(1680)).body("total_amount", equalTo(1999));
        }

        @Test
        void taxLocationErrorsAreSilentBeforeConfirm() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            clientUpdate(secret, Map.of("customer_billing_address", Map.of("country", "US", "state", "CA"))).statusCode(200)
                    .body("tax_amount", nullValue()).body("total_amount", equalTo(1999));
        }

        @Test
        void discountCodeIsTrimmedAndCaseInsensitive() {
            discount(Map.of("type", "percentage", "basis_points", 1000, "code", "SPRING25"));
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            clientUpdate(secret, Map.of("discount_code", "  spring25 ")).statusCode(200)
                    .body("discount_amount", equalTo(200))
                    .body("total_amount", equalTo(1799))
                    .body("discount.code", equalTo("SPRING25"));
        }

        @Test
        void discountIsAppliedBeforeTax() {
            discount(Map.of("type", "percentage", "basis_points", 1000, "code", "TENOFF"));
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            clientUpdate(secret, Map.of("discount_code", "tenoff", "customer_billing_address", Map.of("country", "DE"))).statusCode(200)
                    .body("discount_amount", equalTo(200))
                    .body("tax_amount", equalTo(287))
                    .body("net_amount", equalTo(1512))
                    .body("total_amount", equalTo(1799));
        }

        @Test
        void unknownDiscountCodeIsRejected() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            singleError(clientUpdate(secret, Map.of("discount_code", "NOPE")), List.of("body", "discount_code"), "Discount does not exist.");
        }

        @Test
        void discountCodeIsIgnoredWhenCodesAreNotAllowed() {
            discount(Map.of("type", "percentage", "basis_points", 1000, "code", "IGNORED"));
            String secret = (String) createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "allow_discount_codes", false)).get("client_secret");

            clientUpdate(secret, Map.of("discount_code", "IGNORED")).statusCode(200).body("discount_id", nullValue());
        }

        @Test
        void nullDiscountCodeRemovesTheDiscount() {
            discount(Map.of("type", "percentage", "basis_points", 1000, "code", "REMOVEME"));
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");
            clientUpdate(secret, Map.of("discount_code", "REMOVEME")).statusCode(200);

            clientUpdate(secret, "{\"discount_code\": null}").statusCode(200).body("discount_id", nullValue()).body("discount_amount", equalTo(0));
        }

        @Test
        void buyerCannotChangeMerchantFields() {
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)), "metadata", Map.of("a", "1")));

            clientUpdate((String) checkout.get("client_secret"), Map.of("metadata", Map.of("hacked", "yes"), "success_url", "https://evil.example"))
                    .statusCode(200);

            as(tenant).get("/v1/checkouts/" + checkout.get("id")).then()
                    .body("metadata", equalTo(Map.of("a", "1")))
                    .body("success_url", equalTo("http://localhost:8000/checkout/" + checkout.get("client_secret") + "/confirmation"));
        }

        @Test
        void switchingProductDropsADiscountThatNoLongerApplies() {
            String book = fixedProduct("Book", 1999);
            String course = fixedProduct("Course", 4900);
            discount(Map.of("type", "percentage", "basis_points", 1000, "code", "BOOKONLY", "products", List.of(book)));
            String secret = (String) checkoutFor(book, course).get("client_secret");
            clientUpdate(secret, Map.of("discount_code", "BOOKONLY")).statusCode(200).body("discount_amount", equalTo(200));

            clientUpdate(secret, Map.of("product_id", course)).statusCode(200)
                    .body("product_id", equalTo(course))
                    .body("amount", equalTo(4900))
                    .body("discount_id", nullValue())
                    .body("discount_amount", equalTo(0));
        }

        @Test
        void productOutsideTheCheckoutIsRejected() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            singleError(clientUpdate(secret, Map.of("product_id", fixedProduct("Other", 100))), List.of("body", "product_id"),
                    "Product is not available in this checkout.");
        }

        @Test
        void customFieldDataIsMerged() {
            String company = textField("company");
            String role = textField("role");
            String product = product(Map.of("name", "Fields", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)),
                    "attached_custom_fields", List.of(Map.of("custom_field_id", company, "required", true),
                            Map.of("custom_field_id", role, "required", false))));
            String secret = (String) createCheckout(Map.of("products", List.of(product), "custom_field_data", Map.of("company", "Acme")))
                    .get("client_secret");

            clientUpdate(secret, Map.of("custom_field_data", Map.of("role", "CTO"))).statusCode(200)
                    .body("custom_field_data", equalTo(Map.of("company", "Acme", "role", "CTO")));
        }

        @Test
        void invalidStateIsRejectedAndNothingChanges() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");

            clientUpdate(secret, Map.of("customer_email", "x@example.com", "customer_billing_address", Map.of("country", "CA", "state", "ZZ")))
                    .statusCode(422).body("detail[0].msg", equalTo("Value error, Invalid CA subdivision"));
            clientGet(secret).body("customer_email", nullValue());
        }

        @Test
        void businessCustomerOffClearsTaxIdAndBillingName() {
            String secret = (String) createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "is_business_customer", true, "customer_billing_name", "Acme GmbH", "customer_tax_id", "DE136695976",
                    "customer_billing_address", Map.of("country", "DE"))).get("client_secret");

            clientUpdate(secret, Map.of("is_business_customer", false)).statusCode(200)
                    .body("customer_tax_id", nullValue()).body("customer_billing_name", nullValue());
        }

        @Test
        void anUnchangedCheckoutIsNotTaxedAgain() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");
            String id = clientUpdate(secret, Map.of("customer_billing_address", Map.of("country", "DE"))).statusCode(200)
                    .extract().path("id");
            String calculation = jdbc.sql("SELECT tax_processor_id FROM checkouts WHERE id = :id")
                    .param("id", UUID.fromString(id)).query(String.class).single();

            clientUpdate(secret, Map.of("customer_name", "Ada")).statusCode(200).body("tax_amount", equalTo(319));

            assertThat(jdbc.sql("SELECT tax_processor_id FROM checkouts WHERE id = :id").param("id", UUID.fromString(id))
                    .query(String.class).single()).isEqualTo(calculation).startsWith("taxcalc_");
        }

        @Test
        void aStripeOutageLeavesTheCheckoutUnchanged() {
            String secret = (String) checkoutFor(fixedProduct("Book", 1999)).get("client_secret");
            clientUpdate(secret, Map.of("customer_billing_address", Map.of("country", "DE"))).statusCode(200);

            clientUpdate(secret, Map.of("customer_email", "new@example.com", "customer_billing_address",
                    Map.of("country", "FR", "line1", "tax_api_error", "city", "Paris", "postal_code", "75001"))).statusCode(502)
                    .body("error", equalTo("TaxCalculationTechnicalError"))
                    .body("detail", equalTo("All tax processors failed to calculate tax"));

            clientGet(secret).statusCode(200)
                    .body("customer_email", nullValue())
                    .body("customer_billing_address.country", equalTo("DE"))
                    .body("tax_amount", equalTo(319));
        }

        @Test
        void taxIdIsRevalidatedWhenTheCountryChanges() {
            String secret = (String) createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "customer_tax_id", "DE136695976", "customer_billing_address", Map.of("country", "DE"))).get("client_secret");

            singleError(clientUpdate(secret, Map.of("customer_billing_address", Map.of("country", "US", "state", "NY", "postal_code", "10001"))),
                    List.of("body", "customer_tax_id"), "Invalid tax ID.");
        }
    }

    @Nested
    class Expiry {

        @Test
        void overdueCheckoutIsGoneForTheBuyer() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            setExpiresAt((String) checkout.get("id"), Instant.now().minusSeconds(1));

            clientGet((String) checkout.get("client_secret")).statusCode(410)
                    .body("error", equalTo("ExpiredCheckoutError"))
                    .body("detail", equalTo("This checkout session has expired."));
            clientUpdate((String) checkout.get("client_secret"), Map.of("customer_name", "Late")).statusCode(410);
        }

        @Test
        void confirmedCheckoutStaysVisibleAfterItsDeadline() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            setStatus((String) checkout.get("id"), "succeeded");
            setExpiresAt((String) checkout.get("id"), Instant.now().minusSeconds(60));

            clientGet((String) checkout.get("client_secret")).statusCode(200).body("status", equalTo("succeeded"));
        }

        @Test
        void merchantStillReadsAnExpiredCheckout() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            setExpiresAt((String) checkout.get("id"), Instant.now().minusSeconds(1));

            as(tenant).get("/v1/checkouts/" + checkout.get("id")).then().statusCode(200);
        }

        @Test
        void theJobExpiresOverdueOpenCheckoutsOnly() {
            String overdue = (String) checkoutFor(fixedProduct("Book", 1999)).get("id");
            String current = (String) checkoutFor(fixedProduct("Book", 1999)).get("id");
            String confirmed = (String) checkoutFor(fixedProduct("Book", 1999)).get("id");
            setExpiresAt(overdue, Instant.now().minusSeconds(1));
            setExpiresAt(confirmed, Instant.now().minusSeconds(1));
            setStatus(confirmed, "confirmed");

            expiryJob.expireDue();

            as(tenant).get("/v1/checkouts/" + overdue).then().body("status", equalTo("expired"));
            as(tenant).get("/v1/checkouts/" + current).then().body("status", equalTo("open"));
            as(tenant).get("/v1/checkouts/" + confirmed).then().body("status", equalTo("confirmed"));
        }

        @Test
        void concurrentJobsExpireEachCheckoutOnce() throws Exception {
            List<String> ids = new ArrayList<>();
            String product = fixedProduct("Book", 1999);
            for (int i = 0; i < 30; i++) {
                String id = (String) checkoutFor(product).get("id");
                setExpiresAt(id, Instant.now().minusSeconds(1));
                ids.add(id);
            }
            ExecutorService pool = Executors.newFixedThreadPool(3);
            try {
                List<Future<Integer>> runs = new ArrayList<>();
                for (int i = 0; i < 3; i++) {
                    runs.add(pool.submit(() -> expiryJob.expireDue()));
                }
                int total = 0;
                for (Future<Integer> run : runs) {
                    total += run.get();
                }
                assertThat(total).isGreaterThanOrEqualTo(30);
            } finally {
                pool.shutdown();
            }
            Long open = jdbc.sql("SELECT count(*) FROM checkouts WHERE id = ANY(:ids) AND status = 'open'")
                    .param("ids", ids.stream().map(UUID::fromString).toArray(UUID[]::new)).query(Long.class).single();
            assertThat(open).isZero();
        }
    }

    @Nested
    class Locking {

        @Test
        void aCheckoutBeingUpdatedElsewhereAnswers409() throws Exception {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            CountDownLatch locked = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            Thread holder = Thread.ofVirtual().start(() -> transactions.executeWithoutResult(status -> {
                jdbc.sql("SELECT id FROM checkouts WHERE id = :id FOR UPDATE").param("id", UUID.fromString((String) checkout.get("id")))
                        .query(UUID.class).single();
                locked.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }));
            locked.await();
            try {
                clientUpdate((String) checkout.get("client_secret"), Map.of("customer_name", "Blocked")).statusCode(409)
                        .body("error", equalTo("CheckoutLocked"))
                        .body("detail", equalTo("Checkout is currently being processed. Please try again."));
                merchantUpdate((String) checkout.get("id"), Map.of("metadata", Map.of())).statusCode(409);
                clientGet((String) checkout.get("client_secret")).statusCode(200);
            } finally {
                release.countDown();
                holder.join();
            }
            clientUpdate((String) checkout.get("client_secret"), Map.of("customer_name", "Free again")).statusCode(200);
        }
    }
}
