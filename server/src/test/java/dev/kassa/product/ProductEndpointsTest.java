package dev.kassa.product;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProductEndpointsTest extends ApiTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    private ValidatableResponse create(Object body) {
        return as(tenant).body(body).post("/v1/products/").then();
    }

    private String createFixed(String name, long amount) {
        return create(Map.of("name", name, "prices", List.of(Map.of("amount_type", "fixed", "price_amount", amount))))
                .statusCode(201).extract().path("id");
    }

    private ValidatableResponse assertSingleError(ValidatableResponse response, List<Object> loc, String type, String msg) {
        return response.statusCode(422)
                .body("detail", hasSize(1))
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].msg", equalTo(msg));
    }

    @Nested
    class Create {

        @Test
        void oneTimeFixedPrice() {
            create(Map.of("name", "E-book", "description", "A book",
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1500, "price_currency", "usd"))))
                    .statusCode(201)
                    .body("id", notNullValue())
                    .body("name", equalTo("E-book"))
                    .body("description", equalTo("A book"))
                    .body("recurring_interval", nullValue())
                    .body("is_recurring", equalTo(false))
                    .body("is_archived", equalTo(false))
                    .body("organization_id", equalTo(tenant.organizationId().toString()))
                    .body("metadata", equalTo(Map.of()))
                    .body("benefits", empty())
                    .body("medias", empty())
                    .body("attached_custom_fields", empty())
                    .body("modified_at", nullValue())
                    .body("prices", hasSize(1))
                    .body("prices[0].amount_type", equalTo("fixed"))
                    .body("prices[0].price_amount", equalTo(1500))
                    .body("prices[0].price_currency", equalTo("usd"))
                    .body("prices[0].type", equalTo("one_time"))
                    .body("prices[0].recurring_interval", nullValue())
                    .body("prices[0].is_archived", equalTo(false));
        }

        @Test
        void recurringMonthlyProduct() {
            create(Map.of("name", "Pro plan", "recurring_interval", "month",
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 900))))
                    .statusCode(201)
                    .body("recurring_interval", equalTo("month"))
                    .body("recurring_interval_count", equalTo(1))
                    .body("is_recurring", equalTo(true))
                    .body("prices[0].type", equalTo("recurring"))
                    .body("prices[0].recurring_interval", equalTo("month"));
        }

        @Test
        void payWhatYouWantPriceKeepsItsBounds() {
            create(Map.of("name", "Donation", "prices", List.of(Map.of("amount_type", "custom",
                    "minimum_amount", 100, "maximum_amount", 10000, "preset_amount", 500))))
                    .statusCode(201)
                    .body("prices[0].amount_type", equalTo("custom"))
                    .body("prices[0].minimum_amount", equalTo(100))
                    .body("prices[0].maximum_amount", equalTo(10000))
                    .body("prices[0].preset_amount", equalTo(500));
        }

        @Test
        void payWhatYouWantMinimumDefaultsTo50() {
            create(Map.of("name", "Tip jar", "prices", List.of(Map.of("amount_type", "custom"))))
                    .statusCode(201)
                    .body("prices[0].minimum_amount", equalTo(50))
                    .body("prices[0].maximum_amount", nullValue())
                    .body("prices[0].preset_amount", nullValue());
        }

        @Test
        void payWhatYouWantAcceptsZeroMinimum() {
            create(Map.of("name", "Free or pay", "prices", List.of(Map.of("amount_type", "custom", "minimum_amount", 0))))
                    .statusCode(201).body("prices[0].minimum_amount", equalTo(0));
        }

        /** The 2026-10 API makes a free price this way; it is the same price as the legacy {@code free} type. */
        @Test
        void fixedPriceOfZeroIsAFreePrice() {
            create(Map.of("name", "Zero", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 0, "price_currency", "eur"),
                            Map.of("amount_type", "fixed", "price_amount", 0))))
                    .statusCode(201)
                    .body("prices.amount_type", contains("fixed", "fixed"))
                    .body("prices.price_amount", contains(0, 0));
        }

        @Test
        void fixedPriceOfZeroIsStillOnlyOneStaticPricePerCurrency() {
            assertSingleError(create(Map.of("name", "Two", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 0),
                            Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "prices"), "value_error", "Only one static price is allowed.");
        }

        @Test
        void legacyFreePriceIsAFixedPriceOfZero() {
            create(Map.of("name", "Freebie", "prices", List.of(Map.of("amount_type", "free"))))
                    .statusCode(201)
                    .body("prices[0].amount_type", equalTo("fixed"))
                    .body("prices[0].price_amount", equalTo(0))
                    .body("prices[0].price_currency", equalTo("usd"));
        }

        @Test
        void pricesInSeveralCurrencies() {
            create(Map.of("name", "Global", "prices", List.of(
                    Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "usd"),
                    Map.of("amount_type", "fixed", "price_amount", 900, "price_currency", "eur"))))
                    .statusCode(201)
                    .body("prices.price_currency", contains("usd", "eur"));
        }

        @Test
        void metadataIsStored() {
            create(Map.of("name", "Tagged", "metadata", Map.of("sku", "A-1", "weight", 3, "fragile", true),
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000))))
                    .statusCode(201)
                    .body("metadata.sku", equalTo("A-1"))
                    .body("metadata.weight", equalTo(3))
                    .body("metadata.fragile", equalTo(true));
        }

        @Test
        void unknownKeysAreIgnored() {
            create(Map.of("name", "Lenient", "whatever", 1, "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000))))
                    .statusCode(201);
        }

        @Test
        void ownOrganizationIdIsAccepted() {
            create(Map.of("name", "Mine", "organization_id", tenant.organizationId().toString(),
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000))))
                    .statusCode(201);
        }
    }

    @Nested
    class CreateValidation {

        @Test
        void nameIsRequired() {
            assertSingleError(create(Map.of("prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "name"), "missing", "Field required");
        }

        @Test
        void nameIsAtLeastThreeCharactersAfterStripping() {
            assertSingleError(create(Map.of("name", "  ab  ", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "name"), "string_too_short", "String should have at least 3 characters");
        }

        @Test
        void nameIsAtMost64Characters() {
            assertSingleError(create(Map.of("name", "x".repeat(65), "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "name"), "string_too_long", "String should have at most 64 characters");
        }

        @Test
        void nameMustBeAString() {
            assertSingleError(create(Map.of("name", 42, "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "name"), "string_type", "Input should be a valid string");
        }

        @Test
        void pricesAreRequired() {
            assertSingleError(create(Map.of("name", "No prices")), List.of("body", "prices"), "missing", "Field required");
        }

        @Test
        void pricesMustNotBeEmpty() {
            assertSingleError(create(Map.of("name", "No prices", "prices", List.of())),
                    List.of("body", "prices"), "too_short", "List should have at least 1 item after validation, not 0");
        }

        @Test
        void unknownRecurringIntervalIsRejected() {
            assertSingleError(create(Map.of("name", "Weird", "recurring_interval", "fortnight",
                            "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "recurring_interval"), "enum", "Input should be 'day', 'week', 'month' or 'year'");
        }

        @Test
        void fixedPriceBelowCurrencyMinimumIsRejected() {
            assertSingleError(create(Map.of("name", "Cheap", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 49)))),
                    List.of("body", "prices", 0, "price_amount"), "minimum_price", "Amount must be at least $0.50 or 0 for free pricing");
        }

        @Test
        void negativeFixedPriceIsRejected() {
            assertSingleError(create(Map.of("name", "Negative", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", -1)))),
                    List.of("body", "prices", 0, "price_amount"), "greater_than_equal", "Input should be greater than or equal to 0");
        }

        @Test
        void fixedPriceAboveCurrencyMaximumIsRejected() {
            assertSingleError(create(Map.of("name", "Dear", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 100_000_000)))),
                    List.of("body", "prices", 0, "price_amount"), "maximum_price", "Amount must be at most $999,999.99");
        }

        @Test
        void fixedPriceAmountMustBeAnInteger() {
            assertSingleError(create(Map.of("name", "Fraction", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 10.5)))),
                    List.of("body", "prices", 0, "price_amount"), "int_from_float",
                    "Input should be a valid integer, got a number with a fractional part");
        }

        @Test
        void customMinimumInTheGapBelowCurrencyMinimumIsRejected() {
            assertSingleError(create(Map.of("name", "Gap", "prices", List.of(Map.of("amount_type", "custom", "minimum_amount", 10)))),
                    List.of("body", "prices", 0, "minimum_amount"), "minimum_price", "Amount must be at least $0.50 or 0 for free pricing");
        }

        @Test
        void customPresetBelowMinimumIsRejected() {
            assertSingleError(create(Map.of("name", "Preset", "prices", List.of(Map.of("amount_type", "custom",
                            "minimum_amount", 1000, "preset_amount", 500)))),
                    List.of("body", "prices", 0, "preset_amount"), "greater_than_equal",
                    "Preset amount must be greater than or equal to the minimum amount.");
        }

        @Test
        void customMaximumBelowMinimumIsRejected() {
            assertSingleError(create(Map.of("name", "Max", "prices", List.of(Map.of("amount_type", "custom",
                            "minimum_amount", 1000, "maximum_amount", 500)))),
                    List.of("body", "prices", 0, "maximum_amount"), "greater_than_equal",
                    "Maximum amount must be greater than or equal to the minimum amount.");
        }

        @Test
        void missingAmountTypeIsAUnionTagError() {
            assertSingleError(create(Map.of("name", "Tagless", "prices", List.of(Map.of("price_amount", 1000)))),
                    List.of("body", "prices", 0), "union_tag_not_found", "Unable to extract tag using discriminator 'amount_type'");
        }

        @Test
        void unknownAmountTypeIsAUnionTagError() {
            assertSingleError(create(Map.of("name", "Tagged", "prices", List.of(Map.of("amount_type", "bogus")))),
                    List.of("body", "prices", 0), "union_tag_invalid",
                    "Input tag 'bogus' found using 'amount_type' does not match any of the expected tags: "
                            + "'fixed', 'custom', 'free', 'seat_based', 'metered_unit'");
        }

        @Test
        void meteredPricesAreNotSupportedYet() {
            assertSingleError(create(Map.of("name", "Usage", "recurring_interval", "month", "prices", List.of(Map.of(
                            "amount_type", "metered_unit", "meter_id", UUID.randomUUID().toString(), "unit_amount", "0.5")))),
                    List.of("body", "prices", 0, "amount_type"), "value_error", "Metered prices are not supported by Kassa yet.");
        }

        @Test
        void seatPricesAreNotSupportedYet() {
            assertSingleError(create(Map.of("name", "Seats", "prices", List.of(Map.of("amount_type", "seat_based")))),
                    List.of("body", "prices", 0, "amount_type"), "value_error", "Seat-based prices are not supported by Kassa yet.");
        }

        @Test
        void unsupportedCurrencyIsRejected() {
            create(Map.of("name", "Odd", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "xyz"))))
                    .statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "prices", 0, "price_currency")))
                    .body("detail[0].type", equalTo("enum"));
        }

        @Test
        void twoStaticPricesInOneCurrencyAreRejected() {
            assertSingleError(create(Map.of("name", "Two", "prices", List.of(
                            Map.of("amount_type", "fixed", "price_amount", 1000),
                            Map.of("amount_type", "custom")))),
                    List.of("body", "prices"), "value_error", "Only one static price is allowed.")
                    .body("error", equalTo("PolarRequestValidationError"));
        }

        @Test
        void currenciesMustShareTheSamePriceTypes() {
            assertSingleError(create(Map.of("name", "Mixed", "prices", List.of(
                            Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "usd"),
                            Map.of("amount_type", "custom", "price_currency", "eur")))),
                    List.of("body", "prices"), "value_error", "All price currencies must define the same set of price types.");
        }

        @Test
        void defaultPresentmentCurrencyMustBePresent() {
            assertSingleError(create(Map.of("name", "Euro only", "prices", List.of(
                            Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "eur")))),
                    List.of("body", "prices"), "value_error",
                    "The organization's default presentment currency must be present in the prices.");
        }

        @Test
        void metadataValueTooLongIsRejected() {
            assertSingleError(create(Map.of("name", "Meta", "metadata", Map.of("note", "x".repeat(501)),
                            "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "metadata", "note"), "string_too_long", "String should have at most 500 characters");
        }

        @Test
        void metadataKeyTooLongIsRejected() {
            String key = "k".repeat(41);
            assertSingleError(create(Map.of("name", "Meta", "metadata", Map.of(key, "v"),
                            "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "metadata", key, "[key]"), "string_too_long", "String should have at most 40 characters");
        }

        @Test
        void metadataWithMoreThan50KeysIsRejected() {
            Map<String, Object> metadata = new java.util.HashMap<>();
            for (int i = 0; i < 51; i++) {
                metadata.put("k" + i, i);
            }
            assertSingleError(create(Map.of("name", "Meta", "metadata", metadata,
                            "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "metadata"), "too_long", "Dictionary should have at most 50 items after validation, not 51");
        }

        @Test
        void metadataValueMustBeScalar() {
            assertSingleError(create(Map.of("name", "Meta", "metadata", Map.of("nested", Map.of("a", 1)),
                            "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))),
                    List.of("body", "metadata", "nested"), "union_type", "Input should be a valid string, integer, number or boolean");
        }

        @Test
        void foreignOrganizationIdIsRejected() {
            Tenant other = data.tenant();
            create(Map.of("name", "Theirs", "organization_id", other.organizationId().toString(),
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000))))
                    .statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("body", "organization_id")));
        }

        @Test
        void everyProblemIsReportedAtOnce() {
            create(Map.of("name", "x", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1)), "recurring_interval", "never"))
                    .statusCode(422)
                    .body("detail", hasSize(3));
        }

        @Test
        void malformedJsonIsA422() {
            as(tenant).body("{\"name\": ").post("/v1/products/").then()
                    .statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail[0].type", equalTo("json_invalid"))
                    .body("detail[0].loc[0]", equalTo("body"));
        }

        @Test
        void emptyBodyIsMissing() {
            assertSingleError(as(tenant).body("").post("/v1/products/").then(), List.of("body"), "missing", "Field required");
        }

        @Test
        void bodyThatIsNotAnObjectIsRejected() {
            assertSingleError(as(tenant).body("[1,2]").post("/v1/products/").then(), List.of("body"), "model_attributes_type",
                    "Input should be a valid dictionary or object to extract fields from");
        }

        @Test
        void bodyOverOneMebibyteIs413() {
            String huge = "{\"name\": \"" + "x".repeat(1024 * 1024) + "\"}";
            as(tenant).body(huge).post("/v1/products/").then().statusCode(413).body("error", equalTo("PayloadTooLarge"));
        }

        @Test
        void aFailedCreateLeavesNothingBehind() {
            create(Map.of("name", "Broken", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "eur"))))
                    .statusCode(422);

            as(tenant).get("/v1/products/").then().statusCode(200).body("pagination.total_count", equalTo(0));
        }
    }

    @Nested
    class Get {

        @Test
        void returnsTheProduct() {
            String id = createFixed("Book", 1000);

            as(tenant).get("/v1/products/" + id).then().statusCode(200).body("id", equalTo(id)).body("name", equalTo("Book"));
        }

        @Test
        void unknownIdIsNotFound() {
            as(tenant).get("/v1/products/" + UUID.randomUUID()).then()
                    .statusCode(404).body("error", equalTo("ResourceNotFound")).body("detail", equalTo("Not found"));
        }

        @Test
        void anotherOrganizationsProductIsNotFound() {
            String id = createFixed("Secret", 1000);

            as(data.tenant()).get("/v1/products/" + id).then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void nonUuidIdIsA422OnThePath() {
            as(tenant).get("/v1/products/not-a-uuid").then()
                    .statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("path", "id")))
                    .body("detail[0].type", equalTo("uuid_parsing"));
        }
    }

    @Nested
    class ListProducts {

        @Test
        void listsOnlyTheOrganizationsProductsNewestFirst() {
            String first = createFixed("First", 1000);
            String second = createFixed("Second", 1000);
            createFixed("Other org", 1000);
            Tenant other = data.tenant();
            as(other).body(Map.of("name", "Foreign", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000))))
                    .post("/v1/products/").then().statusCode(201);

            as(tenant).get("/v1/products/").then()
                    .statusCode(200)
                    .body("items", hasSize(3))
                    .body("items[1].id", equalTo(second))
                    .body("items[2].id", equalTo(first))
                    .body("pagination.total_count", equalTo(3))
                    .body("pagination.max_page", equalTo(1));
        }

        @Test
        void paginates() {
            for (int i = 0; i < 5; i++) {
                createFixed("Product " + i, 1000);
            }

            as(tenant).queryParam("limit", 2).queryParam("page", 3).get("/v1/products/").then()
                    .statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].name", equalTo("Product 0"))
                    .body("pagination.total_count", equalTo(5))
                    .body("pagination.max_page", equalTo(3));
        }

        @Test
        void sortsByName() {
            createFixed("Banana", 1000);
            createFixed("apple", 1000);
            createFixed("Cherry", 1000);

            as(tenant).queryParam("sorting", "name").get("/v1/products").then()
                    .statusCode(200)
                    .body("items.name", contains("Banana", "Cherry", "apple"));
        }

        @Test
        void sortsByPriceAmountDescending() {
            createFixed("Cheap", 500);
            createFixed("Dear", 5000);

            as(tenant).queryParam("sorting", "-price_amount").get("/v1/products/").then()
                    .body("items.name", contains("Dear", "Cheap"));
        }

        @Test
        void filtersByQueryCaseInsensitively() {
            createFixed("Premium Plan", 1000);
            createFixed("Basic", 1000);

            as(tenant).queryParam("query", "premium").get("/v1/products/").then()
                    .body("items.name", contains("Premium Plan"));
        }

        @Test
        void queryTreatsLikeWildcardsLiterally() {
            createFixed("100% cotton", 1000);
            createFixed("Silk", 1000);

            as(tenant).queryParam("query", "%").get("/v1/products/").then().body("items.name", contains("100% cotton"));
        }

        @Test
        void filtersByRecurring() {
            createFixed("One-off", 1000);
            create(Map.of("name", "Monthly", "recurring_interval", "month",
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).statusCode(201);

            as(tenant).queryParam("is_recurring", true).get("/v1/products/").then().body("items.name", contains("Monthly"));
            as(tenant).queryParam("is_recurring", false).get("/v1/products/").then().body("items.name", contains("One-off"));
        }

        @Test
        void filtersByArchived() {
            String archived = createFixed("Old", 1000);
            createFixed("New", 1000);
            as(tenant).body(Map.of("is_archived", true)).patch("/v1/products/" + archived).then().statusCode(200);

            as(tenant).queryParam("is_archived", true).get("/v1/products/").then().body("items.name", contains("Old"));
            as(tenant).queryParam("is_archived", false).get("/v1/products/").then().body("items.name", contains("New"));
        }

        @Test
        void filtersByOwnOrganizationId() {
            createFixed("Mine", 1000);

            as(tenant).queryParam("organization_id", tenant.organizationId().toString()).get("/v1/products/").then()
                    .statusCode(200).body("items", hasSize(1));
        }

        @Test
        void foreignOrganizationFilterIsA422() {
            as(tenant).queryParam("organization_id", data.tenant().organizationId().toString()).get("/v1/products/").then()
                    .statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "organization_id")));
        }

        @Test
        void limitAbove100IsRejected() {
            assertSingleError(as(tenant).queryParam("limit", 101).get("/v1/products/").then(),
                    List.of("query", "limit"), "less_than_equal", "Input should be less than or equal to 100");
        }

        @Test
        void pageBelowOneIsRejected() {
            assertSingleError(as(tenant).queryParam("page", 0).get("/v1/products/").then(),
                    List.of("query", "page"), "greater_than_equal", "Input should be greater than or equal to 1");
        }

        @Test
        void unknownSortingIsRejected() {
            as(tenant).queryParam("sorting", "color").get("/v1/products/").then()
                    .statusCode(422).body("detail[0].loc", equalTo(List.of("query", "sorting", 0)));
        }

        @Test
        void malformedBooleanFilterIsRejected() {
            as(tenant).queryParam("is_archived", "maybe").get("/v1/products/").then()
                    .statusCode(422).body("detail[0].loc", equalTo(List.of("query", "is_archived")));
        }
    }

    @Nested
    class Update {

        @Test
        void renamesAndDescribes() {
            String id = createFixed("Old name", 1000);

            as(tenant).body(Map.of("name", "New name", "description", "Now described")).patch("/v1/products/" + id).then()
                    .statusCode(200)
                    .body("name", equalTo("New name"))
                    .body("description", equalTo("Now described"))
                    .body("modified_at", notNullValue());
        }

        @Test
        void absentFieldsAreUnchanged() {
            String id = create(Map.of("name", "Keep", "description", "Stays", "metadata", Map.of("a", "b"),
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).extract().path("id");

            as(tenant).body(Map.of()).patch("/v1/products/" + id).then()
                    .statusCode(200)
                    .body("name", equalTo("Keep"))
                    .body("description", equalTo("Stays"))
                    .body("metadata.a", equalTo("b"))
                    .body("prices", hasSize(1));
        }

        @Test
        void keepsListedPricesAddsNewOnesAndArchivesTheRest() {
            String id = create(Map.of("name", "Multi", "prices", List.of(
                    Map.of("amount_type", "fixed", "price_amount", 1000, "price_currency", "usd"),
                    Map.of("amount_type", "fixed", "price_amount", 900, "price_currency", "eur")))).extract().path("id");
            String usdPrice = as(tenant).get("/v1/products/" + id).then().extract().path("prices[0].id");

            as(tenant).body(Map.of("prices", List.of(Map.of("id", usdPrice),
                            Map.of("amount_type", "fixed", "price_amount", 800, "price_currency", "gbp"))))
                    .patch("/v1/products/" + id).then()
                    .statusCode(200)
                    .body("prices", hasSize(2))
                    .body("prices[0].id", equalTo(usdPrice))
                    .body("prices[1].price_currency", equalTo("gbp"))
                    .body("prices[1].price_amount", equalTo(800));
        }

        @Test
        void replacingThePriceArchivesTheOldOne() {
            String id = createFixed("Swap", 1000);

            as(tenant).body(Map.of("prices", List.of(Map.of("amount_type", "custom", "minimum_amount", 500))))
                    .patch("/v1/products/" + id).then()
                    .statusCode(200)
                    .body("prices", hasSize(1))
                    .body("prices[0].amount_type", equalTo("custom"));
        }

        @Test
        void aPriceCanBecomeAFixedPriceOfZero() {
            String id = createFixed("Now free", 1000);

            as(tenant).body(Map.of("prices", List.of(Map.of("amount_type", "fixed", "price_amount", 0))))
                    .patch("/v1/products/" + id).then()
                    .statusCode(200)
                    .body("prices", hasSize(1))
                    .body("prices[0].amount_type", equalTo("fixed"))
                    .body("prices[0].price_amount", equalTo(0));
        }

        @Test
        void unknownExistingPriceIdIsRejected() {
            String id = createFixed("Ghost", 1000);

            assertSingleError(as(tenant).body(Map.of("prices", List.of(Map.of("id", UUID.randomUUID().toString()))))
                            .patch("/v1/products/" + id).then(),
                    List.of("body", "prices", 0), "value_error", "Price does not exist.");
        }

        @Test
        void anotherProductsPriceIdIsRejected() {
            String mine = createFixed("Mine", 1000);
            String other = createFixed("Other", 1000);
            String otherPrice = as(tenant).get("/v1/products/" + other).then().extract().path("prices[0].id");

            assertSingleError(as(tenant).body(Map.of("prices", List.of(Map.of("id", otherPrice)))).patch("/v1/products/" + mine).then(),
                    List.of("body", "prices", 0), "value_error", "Price does not exist.");
        }

        @Test
        void emptyPriceListIsRejected() {
            String id = createFixed("Priced", 1000);

            assertSingleError(as(tenant).body(Map.of("prices", List.of())).patch("/v1/products/" + id).then(),
                    List.of("body", "prices"), "too_short", "At least one price is required.");
        }

        @Test
        void recurringIntervalCannotChange() {
            String id = createFixed("One-off", 1000);

            assertSingleError(as(tenant).body(Map.of("recurring_interval", "month")).patch("/v1/products/" + id).then(),
                    List.of("body", "recurring_interval"), "value_error", "Recurring interval cannot be changed.");
        }

        @Test
        void archivesAndUnarchives() {
            String id = createFixed("Seasonal", 1000);

            as(tenant).body(Map.of("is_archived", true)).patch("/v1/products/" + id).then().statusCode(200).body("is_archived", equalTo(true));
            as(tenant).body(Map.of("is_archived", false)).patch("/v1/products/" + id).then().statusCode(200).body("is_archived", equalTo(false));
        }

        @Test
        void replacesMetadata() {
            String id = create(Map.of("name", "Meta", "metadata", Map.of("a", "1"),
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).extract().path("id");

            as(tenant).body(Map.of("metadata", Map.of("b", 2))).patch("/v1/products/" + id).then()
                    .statusCode(200).body("metadata", equalTo(Map.of("b", 2)));
        }

        @Test
        void nullDescriptionClearsIt() {
            String id = create(Map.of("name", "Described", "description", "text",
                    "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)))).extract().path("id");

            as(tenant).body("{\"description\": null}").patch("/v1/products/" + id).then()
                    .statusCode(200).body("description", nullValue());
        }

        @Test
        void aFailedUpdateChangesNothing() {
            String id = createFixed("Stable", 1000);

            as(tenant).body(Map.of("name", "Renamed", "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1))))
                    .patch("/v1/products/" + id).then().statusCode(422);

            as(tenant).get("/v1/products/" + id).then().body("name", equalTo("Stable")).body("prices[0].price_amount", equalTo(1000));
        }

        @Test
        void anotherOrganizationsProductIsNotFound() {
            String id = createFixed("Private", 1000);

            as(data.tenant()).body(Map.of("name", "Hijacked")).patch("/v1/products/" + id).then().statusCode(404);
            as(tenant).get("/v1/products/" + id).then().body("name", equalTo("Private"));
        }
    }
}
