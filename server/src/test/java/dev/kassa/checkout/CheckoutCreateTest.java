package dev.kassa.checkout;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/checkouts/}: reference 1.3 and 7.1. */
class CheckoutCreateTest extends CheckoutTestSupport {

    @Nested
    class Shapes {

        @Test
        void createsAnOpenCheckoutForTheFirstProduct() {
            String book = fixedProduct("Book", 1999);
            String course = fixedProduct("Course", 4900);

            create(Map.of("products", List.of(book, course))).statusCode(201)
                    .body("status", equalTo("open"))
                    .body("client_secret", matchesPattern("^polar_c_[A-Za-z0-9]{43}$"))
                    .body("payment_processor", equalTo("stripe"))
                    .body("product_id", equalTo(book))
                    .body("product.name", equalTo("Book"))
                    .body("products.id", contains(book, course))
                    .body("amount", equalTo(1999))
                    .body("discount_amount", equalTo(0))
                    .body("net_amount", equalTo(1999))
                    .body("tax_amount", nullValue())
                    .body("total_amount", equalTo(1999))
                    .body("subtotal_amount", equalTo(1999))
                    .body("currency", equalTo("usd"))
                    .body("is_payment_required", equalTo(true))
                    .body("is_payment_setup_required", equalTo(false))
                    .body("is_payment_form_required", equalTo(true))
                    .body("is_free_product_price", equalTo(false))
                    .body("is_discount_applicable", equalTo(true))
                    .body("payment_processor_metadata.publishable_key", equalTo("pk_test_kassa_emulator"))
                    .body("organization_id", equalTo(tenant.organizationId().toString()))
                    .body("metadata", equalTo(Map.of()))
                    .body("custom_field_data", equalTo(Map.of()))
                    .body("attached_custom_fields", equalTo(List.of()));
        }

        @Test
        void urlsPointAtThePublicBaseUrl() {
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));
            String secret = (String) checkout.get("client_secret");

            assertThat(checkout.get("url")).isEqualTo("http://localhost:8000/checkout/" + secret);
            assertThat(checkout.get("success_url")).isEqualTo("http://localhost:8000/checkout/" + secret + "/confirmation");
        }

        @Test
        void successUrlReplacesOnlyTheCheckoutIdToken() {
            Map<String, Object> checkout = createCheckout(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "success_url", "https://shop.example/thanks?id={CHECKOUT_ID}&s={CHECKOUT_SESSION_ID}"));

            assertThat(checkout.get("success_url"))
                    .isEqualTo("https://shop.example/thanks?id=" + checkout.get("id") + "&s={CHECKOUT_SESSION_ID}");
        }

        @Test
        void expiresInTwentyFourHoursByDefault() {
            Instant before = Instant.now();
            Map<String, Object> checkout = checkoutFor(fixedProduct("Book", 1999));

            Instant expiresAt = Instant.parse((String) checkout.get("expires_at"));
            assertThat(expiresAt).isBetween(before.plus(Duration.ofHours(24)).minusSeconds(5), before.plus(Duration.ofHours(24)).plusSeconds(60));
        }

        @Test
        void acceptsAnExplicitExpiryWithinSevenDays() {
            Instant at = Instant.now().plus(Duration.ofHours(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);

            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "expires_at", at.toString())).statusCode(201)
                    .body("expires_at", equalTo(at.toString()));
        }

        @Test
        void refusesAnExpiryTooSoon() {
            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)),
                            "expires_at", Instant.now().plusSeconds(10).toString())),
                    List.of("body", "expires_at"), "Expiry must be between 1 minute and 7 days from now.");
        }

        @Test
        void deprecatedProductIdShape() {
            String book = fixedProduct("Book", 1999);

            create(Map.of("product_id", book)).statusCode(201).body("product_id", equalTo(book));
        }

        @Test
        void deprecatedPriceIdShapeSelectsThatPriceAndItsCurrency() {
            String product = product("Global", List.of(
                    Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "usd"),
                    Map.of("amount_type", "fixed", "price_amount", 900, "price_currency", "eur")));
            String eurPrice = as(tenant).get("/v1/products/" + product).then().extract().path("prices[1].id");

            create(Map.of("product_price_id", eurPrice)).statusCode(201)
                    .body("product_price_id", equalTo(eurPrice))
                    .body("currency", equalTo("eur"))
                    .body("amount", equalTo(900));
        }

        @Test
        void explicitCurrencySelectsThatPriceSet() {
            String product = product("Global", List.of(
                    Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "usd"),
                    Map.of("amount_type", "fixed", "price_amount", 900, "price_currency", "eur")));

            create(Map.of("products", List.of(product), "currency", "eur")).statusCode(201)
                    .body("currency", equalTo("eur")).body("amount", equalTo(900));
        }

        @Test
        void metadataAndCustomerFieldsAreStored() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "metadata", Map.of("order_ref", "A-1"),
                    "customer_email", "buyer@example.com", "customer_name", "Ada", "customer_metadata", Map.of("tier", "gold"),
                    "external_customer_id", "user_42")).statusCode(201)
                    .body("metadata.order_ref", equalTo("A-1"))
                    .body("customer_email", equalTo("buyer@example.com"))
                    .body("customer_name", equalTo("Ada"))
                    .body("customer_metadata.tier", equalTo("gold"))
                    .body("external_customer_id", equalTo("user_42"))
                    .body("customer_external_id", equalTo("user_42"));
        }
    }

    @Nested
    class Products {

        @Test
        void unknownProductIsRejected() {
            singleError(create(Map.of("products", List.of(UUID.randomUUID().toString()))),
                    List.of("body", "products", 0), "Product does not exist.")
                    .body("error", equalTo("PolarRequestValidationError"));
        }

        @Test
        void anotherOrganizationsProductIsRejected() {
            String foreign = as(data.tenant()).body(Map.of("name", "Theirs",
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).post("/v1/products/")
                    .then().statusCode(201).extract().path("id");

            singleError(create(Map.of("products", List.of(fixedProduct("Mine", 1000), foreign))),
                    List.of("body", "products", 1), "Product does not exist.");
        }

        @Test
        void archivedProductIsRejected() {
            String archived = fixedProduct("Old", 1000);
            as(tenant).body(Map.of("is_archived", true)).patch("/v1/products/" + archived).then().statusCode(200);

            singleError(create(Map.of("products", List.of(archived))), List.of("body", "products", 0), "Product is archived.");
        }

        @Test
        void duplicateProductsAreRejected() {
            String book = fixedProduct("Book", 1000);

            singleError(create(Map.of("products", List.of(book, book))), List.of("body", "products"),
                    "Value error, Product IDs must be unique.");
        }

        @Test
        void emptyProductListIsRejected() {
            singleError(create(Map.of("products", List.of())), List.of("body", "products"),
                    "List should have at least 1 item after validation, not 0");
        }

        @Test
        void currencyTheProductLacksIsRejected() {
            singleError(create(Map.of("products", List.of(fixedProduct("Dollar only", 1000)), "currency", "eur")),
                    List.of("body", "products", 0), "Product is not available in the specified currency.");
        }

        @Test
        void archivedPriceIsRejected() {
            String product = fixedProduct("Repriced", 1000);
            String oldPrice = as(tenant).get("/v1/products/" + product).then().extract().path("prices[0].id");
            as(tenant).body(Map.of("prices", List.of(Map.of("amount_type", "fixed", "price_amount", 2000))))
                    .patch("/v1/products/" + product).then().statusCode(200);

            singleError(create(Map.of("product_price_id", oldPrice)), List.of("body", "product_price_id"), "Price is archived.");
        }

        @Test
        void seatsAreOnlyForSeatBasedPrices() {
            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1000)), "seats", 3)),
                    List.of("body", "seats"), "Seats can only be set for seat-based pricing.");
        }

        @Test
        void adHocPricesAreNotSupported() {
            String book = fixedProduct("Book", 1000);

            create(Map.of("products", List.of(book), "prices", Map.of(book, List.of(Map.of("amount_type", "fixed", "price_amount", 500)))))
                    .statusCode(422).body("detail[0].loc", equalTo(List.of("body", "prices")));
        }
    }

    @Nested
    class PayWhatYouWant {

        private String donation() {
            return product("Donation", List.of(Map.of("amount_type", "custom", "minimum_amount", 100, "maximum_amount", 10_000,
                    "preset_amount", 500)));
        }

        @Test
        void presetIsTheDefaultAmount() {
            create(Map.of("products", List.of(donation()))).statusCode(201).body("amount", equalTo(500));
        }

        @Test
        void minimumIsTheDefaultWithoutPreset() {
            String tip = product("Tip", List.of(Map.of("amount_type", "custom", "minimum_amount", 300)));

            create(Map.of("products", List.of(tip))).statusCode(201).body("amount", equalTo(300));
        }

        @Test
        void buyerAmountIsUsed() {
            create(Map.of("products", List.of(donation()), "amount", 2500)).statusCode(201).body("amount", equalTo(2500));
        }

        @Test
        void amountBelowMinimumIsRejected() {
            singleError(create(Map.of("products", List.of(donation()), "amount", 99)), List.of("body", "amount"),
                    "Amount is below minimum.");
        }

        @Test
        void amountAboveMaximumIsRejected() {
            singleError(create(Map.of("products", List.of(donation()), "amount", 10_001)), List.of("body", "amount"),
                    "Amount is above maximum.");
        }

        @Test
        void amountInTheGapBelowTheCurrencyMinimumIsRejected() {
            String free = product("Free or pay", List.of(Map.of("amount_type", "custom", "minimum_amount", 0)));

            singleError(create(Map.of("products", List.of(free), "amount", 30)), List.of("body", "amount"),
                    "Amount must be 0 or at least $0.50.")
                    .body("detail[0].type", equalTo("invalid_amount"));
        }

        @Test
        void zeroIsAllowedWhenTheMinimumIsZero() {
            String free = product("Free or pay", List.of(Map.of("amount_type", "custom", "minimum_amount", 0)));

            create(Map.of("products", List.of(free), "amount", 0)).statusCode(201)
                    .body("amount", equalTo(0))
                    .body("is_payment_required", equalTo(false))
                    .body("is_payment_form_required", equalTo(false))
                    .body("tax_amount", equalTo(0));
        }

        @Test
        void amountIsIgnoredForFixedPrices() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "amount", 5)).statusCode(201).body("amount", equalTo(1999));
        }
    }

    @Nested
    class Discounts {

        @Test
        void percentageDiscountRoundsHalfAwayFromZero() {
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000));

            create(Map.of("products", List.of(fixedProduct("Book", 1995)), "discount_id", discount)).statusCode(201)
                    .body("discount_id", equalTo(discount))
                    .body("discount_amount", equalTo(200))
                    .body("net_amount", equalTo(1795))
                    .body("total_amount", equalTo(1795))
                    .body("discount.type", equalTo("percentage"))
                    .body("discount.basis_points", equalTo(1000));
        }

        @Test
        void fixedDiscountIsCappedAtTheAmount() {
            String discount = discount(Map.of("type", "fixed", "amount", 5000, "currency", "usd"));

            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "discount_id", discount)).statusCode(201)
                    .body("discount_amount", equalTo(1999))
                    .body("total_amount", equalTo(0))
                    .body("is_payment_required", equalTo(false))
                    .body("discount.amount", equalTo(5000))
                    .body("discount.currency", equalTo("usd"));
        }

        @Test
        void fullOnceDiscountOnASubscriptionStillSavesACard() {
            String discount = discount(Map.of("type", "percentage", "basis_points", 10_000, "duration", "once"));

            create(Map.of("products", List.of(recurringProduct("Plan", 900)), "discount_id", discount)).statusCode(201)
                    .body("total_amount", equalTo(0))
                    .body("is_payment_required", equalTo(false))
                    .body("is_payment_setup_required", equalTo(true))
                    .body("is_payment_form_required", equalTo(true));
        }

        @Test
        void fullForeverDiscountNeedsNoPaymentForm() {
            String discount = discount(Map.of("type", "percentage", "basis_points", 10_000, "duration", "forever"));

            create(Map.of("products", List.of(recurringProduct("Plan", 900)), "discount_id", discount)).statusCode(201)
                    .body("is_payment_setup_required", equalTo(false))
                    .body("is_payment_form_required", equalTo(false));
        }

        @Test
        void discountOfAnotherCurrencyDoesNotExist() {
            String discount = discount(Map.of("type", "fixed", "amount", 500, "currency", "eur"));

            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)), "discount_id", discount)),
                    List.of("body", "discount_id"), "Discount does not exist.");
        }

        @Test
        void discountRestrictedToAnotherProductDoesNotExist() {
            String other = fixedProduct("Other", 1000);
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000, "products", List.of(other)));

            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)), "discount_id", discount)),
                    List.of("body", "discount_id"), "Discount does not exist.");
        }

        @Test
        void endedDiscountDoesNotExist() {
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000,
                    "starts_at", "2020-01-01T00:00:00Z", "ends_at", "2020-02-01T00:00:00Z"));

            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)), "discount_id", discount)),
                    List.of("body", "discount_id"), "Discount does not exist.");
        }

        @Test
        void fullyRedeemedDiscountDoesNotExist() {
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000, "max_redemptions", 1));
            redeem(discount);

            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)), "discount_id", discount)),
                    List.of("body", "discount_id"), "Discount does not exist.");
        }

        @Test
        void freeProductsTakeNoDiscount() {
            String discount = discount(Map.of("type", "percentage", "basis_points", 1000));
            String free = product("Free", List.of(Map.of("amount_type", "free")));

            singleError(create(Map.of("products", List.of(free), "discount_id", discount)),
                    List.of("body", "discount_id"), "Discounts are not applicable to this product.");
        }
    }

    @Nested
    class CustomFields {

        @Test
        void validDataIsKeptAndUnknownKeysDropped() {
            String field = textField("company");
            String product = product(Map.of("name", "With field", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)),
                    "attached_custom_fields", List.of(Map.of("custom_field_id", field, "required", true))));

            create(Map.of("products", List.of(product), "custom_field_data", Map.of("company", "Acme", "unknown", "x"))).statusCode(201)
                    .body("custom_field_data", equalTo(Map.of("company", "Acme")))
                    .body("attached_custom_fields[0].custom_field.slug", equalTo("company"))
                    .body("attached_custom_fields[0].required", equalTo(true));
        }

        @Test
        void requiredFieldsAreNotCheckedBeforeConfirm() {
            String field = textField("vat-note");
            String product = product(Map.of("name", "With field", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)),
                    "attached_custom_fields", List.of(Map.of("custom_field_id", field, "required", true))));

            create(Map.of("products", List.of(product))).statusCode(201).body("custom_field_data", equalTo(Map.of()));
        }

        @Test
        void wrongTypeIsReportedAtTheSlug() {
            String field = as(tenant).body(Map.of("type", "number", "slug", "seats", "name", "Seats",
                    "properties", Map.of("ge", 1, "le", 10))).post("/v1/custom-fields/").then().statusCode(201).extract().path("id");
            String product = product(Map.of("name", "With field", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)),
                    "attached_custom_fields", List.of(Map.of("custom_field_id", field, "required", false))));

            singleError(create(Map.of("products", List.of(product), "custom_field_data", Map.of("seats", 11))),
                    List.of("body", "custom_field_data", "seats"), "Input should be less than or equal to 10");
        }
    }

    @Nested
    class BillingAndTax {

        @Test
        void usStateIsNormalized() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "customer_billing_address", Map.of("country", "us", "state", "ny", "postal_code", "10001"))).statusCode(201)
                    .body("customer_billing_address.country", equalTo("US"))
                    .body("customer_billing_address.state", equalTo("US-NY"));
        }

        @Test
        void invalidUsStateIsRejected() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "customer_billing_address", Map.of("country", "US", "state", "XX"))).statusCode(422)
                    .body("detail[0].msg", equalTo("Value error, Invalid US state"));
        }

        @Test
        void taxIsCalculatedAtCreateForAKnownAddress() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "customer_billing_address", Map.of("country", "DE"))).statusCode(201)
                    .body("tax_amount", equalTo(319))
                    .body("tax_behavior", equalTo("inclusive"))
                    .body("net_amount", equalTo(1680))
                    .body("total_amount", equalTo(1999));
        }

        @Test
        void aCountryAloneDoesNotRequireTheFullAddress() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_billing_address", Map.of("country", "FR")))
                    .statusCode(201).body("require_billing_address", equalTo(false));
        }

        @Test
        void aPresetAddressLineRequiresTheFullAddress() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)),
                    "customer_billing_address", Map.of("country", "FR", "city", "Paris"))).statusCode(201)
                    .body("require_billing_address", equalTo(true))
                    .body("billing_address_fields.line1", equalTo("required"));
        }

        @Test
        void validTaxIdIsStoredNormalized() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_tax_id", "DE 136 695 976",
                    "customer_billing_address", Map.of("country", "DE"))).statusCode(201)
                    .body("customer_tax_id", equalTo("DE136695976"));
        }

        @Test
        void invalidTaxIdIsRejected() {
            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_tax_id", "DE136695977",
                            "customer_billing_address", Map.of("country", "DE"))),
                    List.of("body", "customer_tax_id"), "Invalid tax ID.");
        }

        @Test
        void taxIdNeedsACountry() {
            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_tax_id", "DE136695976")),
                    List.of("body", "customer_billing_address"), "Country is required to validate tax ID.");
        }
    }

    @Nested
    class BadInput {

        @Test
        void invalidEmailIsRejected() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_email", "not-an-email")).statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "customer_email")))
                    .body("detail[0].type", equalTo("value_error"));
        }

        @Test
        void unknownCustomerIsRejected() {
            singleError(create(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_id", UUID.randomUUID().toString())),
                    List.of("body", "customer_id"), "Customer does not exist.");
        }

        @Test
        void successUrlMustBeHttp() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "success_url", "ftp://example.com")).statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "success_url")))
                    .body("detail[0].type", equalTo("url_scheme"));
        }

        @Test
        void trialFieldsComeTogether() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "trial_interval", "month")).statusCode(422)
                    .body("detail[0].msg", equalTo("Both trial_interval and trial_interval_count must be set together."));
        }

        @Test
        void malformedJsonIsA422() {
            as(tenant).body("{\"products\": [").post("/v1/checkouts/").then().statusCode(422)
                    .body("detail[0].type", equalTo("json_invalid"));
        }

        @Test
        void checkoutsScopeIsRequired() {
            as(data.tenant(java.util.Set.of(dev.kassa.auth.Scope.PRODUCTS_WRITE))).body(Map.of("products", List.of()))
                    .post("/v1/checkouts/").then().statusCode(403).body("error", equalTo("insufficient_scope"));
        }

        @Test
        void aFailedCreateLeavesNoCheckout() {
            create(Map.of("products", List.of(fixedProduct("Book", 1999)), "customer_tax_id", "bogus",
                    "customer_billing_address", Map.of("country", "DE"))).statusCode(422);

            as(tenant).get("/v1/checkouts/").then().statusCode(200).body("pagination.total_count", equalTo(0));
        }
    }

    @Test
    void trialEndIsSetForARecurringProductWithATrial() {
        create(Map.of("products", List.of(recurringProduct("Plan", 900)), "trial_interval", "day", "trial_interval_count", 14))
                .statusCode(201)
                .body("trial_end", notNullValue())
                .body("active_trial_interval", equalTo("day"))
                .body("is_payment_required", equalTo(false))
                .body("is_payment_setup_required", equalTo(true));
    }
}
