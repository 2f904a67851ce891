package dev.kassa.discount;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.kassa.auth.Scope;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

class DiscountEndpointsTest extends ApiTest {

    private static final String TAG_MESSAGE = "does not match any of the expected tags: 'fixed.once_forever', "
            + "'fixed.repeat', 'percentage.once_forever', 'percentage.repeat'";

    @Autowired
    JdbcClient jdbc;

    @Autowired
    DiscountService discountService;

    Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    // --- helpers ---------------------------------------------------------------------------------------------

    ValidatableResponse post(Tenant who, String body) {
        return as(who).body(body).post("/v1/discounts/").then();
    }

    ValidatableResponse patch(Tenant who, String id, String body) {
        return as(who).body(body).patch("/v1/discounts/" + id).then();
    }

    String create(Tenant who, String body) {
        return post(who, body).statusCode(201).extract().path("id");
    }

    String percentage(Tenant who, String name, String extra) {
        return create(who, "{\"name\":\"" + name + "\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":1000"
                + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    String fixed(Tenant who, String extra) {
        return create(who, "{\"name\":\"Fixed\",\"type\":\"fixed\",\"duration\":\"forever\",\"amount\":500"
                + (extra.isEmpty() ? "" : "," + extra) + "}");
    }

    String product(Tenant who) {
        return as(who).body("{\"name\":\"Product\",\"prices\":[{\"amount_type\":\"fixed\",\"price_amount\":1000}]}")
                .post("/v1/products/").then().statusCode(201).extract().path("id");
    }

    void redeem(String discountId) {
        jdbc.sql("INSERT INTO discount_redemptions (id, discount_id, customer_email) VALUES (:id, :discountId, 'a@example.com')")
                .param("id", UUID.randomUUID()).param("discountId", UUID.fromString(discountId)).update();
    }

    static ValidatableResponse problem(ValidatableResponse response, String error, String type, List<Object> loc, String msg) {
        return response.statusCode(422)
                .body("error", equalTo(error))
                .body("detail", hasSize(1))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].msg", equalTo(msg));
    }

    static ValidatableResponse shape(ValidatableResponse response, String type, List<Object> loc, String msg) {
        return problem(response, "RequestValidationError", type, loc, msg);
    }

    static ValidatableResponse service(ValidatableResponse response, List<Object> loc, String msg) {
        return problem(response, "PolarRequestValidationError", "value_error", loc, msg);
    }

    // --- create --------------------------------------------------------------------------------------------------

    @Nested
    class Create {

        @Test
        void fixedOnceReturnsPolarsFixedOnceForeverShape() {
            post(tenant, "{\"name\":\"Ten off\",\"type\":\"fixed\",\"duration\":\"once\",\"amount\":1000}")
                    .statusCode(201)
                    .body("id", notNullValue())
                    .body("duration", equalTo("once"))
                    .body("type", equalTo("fixed"))
                    .body("amount", equalTo(1000))
                    .body("currency", equalTo("usd"))
                    .body("amounts.usd", equalTo(1000))
                    .body("$", not(hasKey("basis_points")))
                    .body("$", not(hasKey("duration_in_months")))
                    .body("name", equalTo("Ten off"))
                    .body("code", nullValue())
                    .body("starts_at", nullValue())
                    .body("ends_at", nullValue())
                    .body("max_redemptions", nullValue())
                    .body("max_redemptions_per_customer", nullValue())
                    .body("redemptions_count", equalTo(0))
                    .body("organization_id", equalTo(tenant.organizationId().toString()))
                    .body("products", empty())
                    .body("metadata", equalTo(java.util.Map.of()))
                    .body("created_at", notNullValue())
                    .body("$", hasKey("modified_at"))
                    .body("modified_at", nullValue());
        }

        @Test
        void fixedForeverKeepsTheGivenCurrency() {
            post(tenant, "{\"name\":\"Euro off\",\"type\":\"fixed\",\"duration\":\"forever\",\"amount\":900,\"currency\":\"EUR\"}")
                    .statusCode(201)
                    .body("duration", equalTo("forever"))
                    .body("amount", equalTo(900))
                    .body("currency", equalTo("eur"))
                    .body("amounts", equalTo(java.util.Map.of("eur", 900)));
        }

        @Test
        void fixedRepeatingHasDurationInMonths() {
            post(tenant, "{\"name\":\"Three months\",\"type\":\"fixed\",\"duration\":\"repeating\",\"duration_in_months\":3,\"amount\":250}")
                    .statusCode(201)
                    .body("duration", equalTo("repeating"))
                    .body("duration_in_months", equalTo(3))
                    .body("type", equalTo("fixed"))
                    .body("amount", equalTo(250));
        }

        @Test
        void percentageOnceReturnsBasisPointsWithoutAmount() {
            post(tenant, "{\"name\":\"Ten percent\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":1000}")
                    .statusCode(201)
                    .body("duration", equalTo("once"))
                    .body("type", equalTo("percentage"))
                    .body("basis_points", equalTo(1000))
                    .body("$", not(hasKey("amount")))
                    .body("$", not(hasKey("currency")))
                    .body("$", not(hasKey("amounts")))
                    .body("$", not(hasKey("duration_in_months")));
        }

        @Test
        void percentageForever() {
            post(tenant, "{\"name\":\"Always\",\"type\":\"percentage\",\"duration\":\"forever\",\"basis_points\":10000}")
                    .statusCode(201)
                    .body("duration", equalTo("forever"))
                    .body("basis_points", equalTo(10000));
        }

        @Test
        void percentageRepeating() {
            post(tenant, "{\"name\":\"Year\",\"type\":\"percentage\",\"duration\":\"repeating\",\"duration_in_months\":12,\"basis_points\":2550}")
                    .statusCode(201)
                    .body("duration", equalTo("repeating"))
                    .body("duration_in_months", equalTo(12))
                    .body("basis_points", equalTo(2550));
        }

        @Test
        void amountsMapUsesTheOrganizationsDefaultCurrencyAsTheLegacyPair() {
            post(tenant, "{\"name\":\"Multi\",\"type\":\"fixed\",\"duration\":\"once\",\"amounts\":{\"eur\":450,\"usd\":500}}")
                    .statusCode(201)
                    .body("amount", equalTo(500))
                    .body("currency", equalTo("usd"))
                    .body("amounts.eur", equalTo(450))
                    .body("amounts.usd", equalTo(500));
        }

        @Test
        void amountsMapWithoutTheDefaultCurrencyUsesTheFirstEntry() {
            post(tenant, "{\"name\":\"Multi\",\"type\":\"fixed\",\"duration\":\"once\",\"amounts\":{\"gbp\":400,\"eur\":450}}")
                    .statusCode(201)
                    .body("amount", equalTo(400))
                    .body("currency", equalTo("gbp"));
        }

        @Test
        void optionalFieldsAreStoredAndReturned() {
            post(tenant, """
                    {"name":"Launch","type":"percentage","duration":"once","basis_points":500,"code":"LAUNCH2025",
                     "starts_at":"2025-01-01T00:00:00Z","ends_at":"2025-02-01T12:30:00+01:00","max_redemptions":10,
                     "max_redemptions_per_customer":1,"metadata":{"campaign":"launch","round":2,"paid":true}}
                    """)
                    .statusCode(201)
                    .body("code", equalTo("LAUNCH2025"))
                    .body("starts_at", equalTo("2025-01-01T00:00:00Z"))
                    .body("ends_at", equalTo("2025-02-01T11:30:00Z"))
                    .body("max_redemptions", equalTo(10))
                    .body("max_redemptions_per_customer", equalTo(1))
                    .body("metadata.campaign", equalTo("launch"))
                    .body("metadata.round", equalTo(2))
                    .body("metadata.paid", equalTo(true));
        }

        @Test
        void emptyCodeMeansNoCode() {
            post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"code\":\"\"}")
                    .statusCode(201).body("code", nullValue());
        }

        @Test
        void ownProductsRestrictTheDiscountInTheGivenOrder() {
            String first = product(tenant);
            String second = product(tenant);
            post(tenant, "{\"name\":\"P\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"products\":[\""
                    + second + "\",\"" + first + "\"]}")
                    .statusCode(201)
                    .body("products.id", contains(second, first))
                    .body("products[0].name", equalTo("Product"))
                    .body("products[0].is_recurring", equalTo(false))
                    .body("products[0].is_archived", equalTo(false))
                    .body("products[0].organization_id", equalTo(tenant.organizationId().toString()))
                    .body("products[0]", hasKey("recurring_interval"))
                    .body("products[0]", hasKey("description"))
                    .body("products[0]", hasKey("metadata"));
        }

        @Test
        void anotherOrganizationsProductIsNotFound() {
            String foreign = product(data.tenant());
            service(post(tenant, "{\"name\":\"P\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"products\":[\""
                    + foreign + "\"]}"), List.of("body", "products", 0), "Product not found.")
                    .body("detail[0].input", equalTo(foreign));
        }

        @Test
        void unknownProductIsReportedAtItsIndex() {
            String own = product(tenant);
            service(post(tenant, "{\"name\":\"P\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"products\":[\""
                    + own + "\",\"" + UUID.randomUUID() + "\"]}"), List.of("body", "products", 1), "Product not found.");
        }

        @Test
        void duplicateCodeIgnoringCaseIsRejected() {
            percentage(tenant, "First", "\"code\":\"SUMMER\"");
            service(post(tenant, "{\"name\":\"Second\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"code\":\"summer\"}"),
                    List.of("body", "code"), "Discount with this code already exists.")
                    .body("detail[0].input", equalTo("summer"));
        }

        @Test
        void sameCodeInAnotherOrganizationIsFine() {
            percentage(data.tenant(), "Theirs", "\"code\":\"SHARED\"");
            percentage(tenant, "Ours", "\"code\":\"SHARED\"");
        }

        @Test
        void codeOfADeletedDiscountCanBeReused() {
            String id = percentage(tenant, "Old", "\"code\":\"AGAIN\"");
            as(tenant).delete("/v1/discounts/" + id).then().statusCode(204);
            post(tenant, "{\"name\":\"New\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"code\":\"again\"}")
                    .statusCode(201).body("code", equalTo("again"));
        }

        @Test
        void ownOrganizationIdIsAccepted() {
            post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"organization_id\":\""
                    + tenant.organizationId() + "\"}").statusCode(201);
        }

        @Test
        void foreignOrganizationIdIs422() {
            Tenant other = data.tenant();
            service(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"organization_id\":\""
                    + other.organizationId() + "\"}"), List.of("body", "organization_id"), "Organization not found.");
        }

        @Test
        void durationInMonthsIsIgnoredForOnceAsPolarIgnoresUnknownFields() {
            post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"duration_in_months\":3}")
                    .statusCode(201).body("$", not(hasKey("duration_in_months")));
        }
    }

    @Nested
    class CreateValidation {

        @Test
        void missingTypeIsAUnionTagNotFound() {
            shape(post(tenant, "{\"name\":\"N\",\"duration\":\"once\",\"basis_points\":5}"), "union_tag_not_found",
                    List.of("body"), "Unable to extract tag using discriminator get_discriminator_value()");
        }

        @Test
        void missingDurationIsAUnionTagNotFound() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"amount\":5}"), "union_tag_not_found",
                    List.of("body"), "Unable to extract tag using discriminator get_discriminator_value()");
        }

        @Test
        void unknownTypeIsAUnionTagInvalid() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"bogus\",\"duration\":\"once\"}"), "union_tag_invalid",
                    List.of("body"), "Input tag 'bogus.once_forever' found using get_discriminator_value() " + TAG_MESSAGE);
        }

        @Test
        void unknownDurationFailsTheRepeatVariantsLiteral() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"weekly\",\"amount\":5,\"duration_in_months\":1}"),
                    "literal_error", List.of("body", "fixed.repeat", "duration"), "Input should be 'repeating'");
        }

        @Test
        void repeatingRequiresDurationInMonths() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"repeating\",\"basis_points\":5}"),
                    "missing", List.of("body", "percentage.repeat", "duration_in_months"), "Field required");
        }

        @Test
        void durationInMonthsAtLeastOne() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"repeating\",\"duration_in_months\":0,\"basis_points\":5}"),
                    "greater_than_equal", List.of("body", "percentage.repeat", "duration_in_months"),
                    "Input should be greater than or equal to 1");
        }

        @Test
        void durationInMonthsAtMost999() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"repeating\",\"duration_in_months\":1000,\"amount\":5}"),
                    "less_than_equal", List.of("body", "fixed.repeat", "duration_in_months"),
                    "Input should be less than or equal to 999");
        }

        @Test
        void basisPointsAtLeastOne() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":0}"),
                    "greater_than_equal", List.of("body", "percentage.once_forever", "basis_points"),
                    "Input should be greater than or equal to 1");
        }

        @Test
        void basisPointsAtMost10000() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":10001}"),
                    "less_than_equal", List.of("body", "percentage.once_forever", "basis_points"),
                    "Input should be less than or equal to 10000");
        }

        @Test
        void basisPointsRequired() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"forever\"}"),
                    "missing", List.of("body", "percentage.once_forever", "basis_points"), "Field required");
        }

        @Test
        void fractionalBasisPointsRejected() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":10.5}"),
                    "int_from_float", List.of("body", "percentage.once_forever", "basis_points"),
                    "Input should be a valid integer, got a number with a fractional part");
        }

        @Test
        void amountRequiredForFixed() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"once\"}"),
                    "missing", List.of("body", "fixed.once_forever", "amount"), "Field required");
        }

        @Test
        void amountNotNegative() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"once\",\"amount\":-1}"),
                    "greater_than_equal", List.of("body", "fixed.once_forever", "amount"),
                    "Input should be greater than or equal to 0");
        }

        @Test
        void amountAtMost999999999999() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"once\",\"amount\":1000000000000}"),
                    "less_than_equal", List.of("body", "fixed.once_forever", "amount"),
                    "Input should be less than or equal to 999999999999");
        }

        @Test
        void unsupportedCurrencyRejected() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"once\",\"amount\":5,\"currency\":\"xyz\"}"),
                    "enum", List.of("body", "fixed.once_forever", "currency"),
                    "Input should be a supported presentment currency (lower-case ISO 4217 code such as 'usd' or 'eur')");
        }

        @Test
        void emptyAmountsRejected() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"once\",\"amounts\":{}}"),
                    "too_short", List.of("body", "fixed.once_forever", "amounts"),
                    "Dictionary should have at least 1 item after validation, not 0");
        }

        @Test
        void amountsWithAnUnsupportedCurrencyRejected() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"once\",\"amounts\":{\"xyz\":5}}"),
                    "enum", List.of("body", "fixed.once_forever", "amounts", "xyz", "[key]"),
                    "Input should be a supported presentment currency (lower-case ISO 4217 code such as 'usd' or 'eur')");
        }

        @Test
        void amountsEntryNotNegative() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"fixed\",\"duration\":\"once\",\"amounts\":{\"usd\":-5}}"),
                    "greater_than_equal", List.of("body", "fixed.once_forever", "amounts", "usd"),
                    "Input should be greater than or equal to 0");
        }

        @Test
        void nameRequired() {
            shape(post(tenant, "{\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5}"),
                    "missing", List.of("body", "percentage.once_forever", "name"), "Field required");
        }

        @Test
        void nameNotEmpty() {
            shape(post(tenant, "{\"name\":\"\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5}"),
                    "string_too_short", List.of("body", "percentage.once_forever", "name"),
                    "String should have at least 1 character");
        }

        @Test
        void codeMustBeAlphanumeric() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"code\":\"SAVE-10\"}"),
                    "value_error", List.of("body", "percentage.once_forever", "code"),
                    "Value error, Code must contain only alphanumeric characters.");
        }

        @Test
        void codeAtLeastThreeCharacters() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"code\":\"AB\"}"),
                    "value_error", List.of("body", "percentage.once_forever", "code"),
                    "Value error, Code must be between 3 and 256 characters long.");
        }

        @Test
        void codeAtMost256Characters() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"code\":\""
                    + "A".repeat(257) + "\"}"), "value_error", List.of("body", "percentage.once_forever", "code"),
                    "Value error, Code must be between 3 and 256 characters long.");
        }

        @Test
        void startsAtMustBeBeforeEndsAt() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,"
                    + "\"starts_at\":\"2025-02-01T00:00:00Z\",\"ends_at\":\"2025-02-01T00:00:00Z\"}"),
                    "value_error", List.of("body", "percentage.once_forever"), "Value error, starts_at must be before ends_at");
        }

        @Test
        void invalidDatetimeRejected() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"starts_at\":\"soon\"}"),
                    "datetime_from_date_parsing", List.of("body", "percentage.once_forever", "starts_at"),
                    "Input should be a valid datetime or date, invalid character in year");
        }

        @Test
        void maxRedemptionsAtLeastOne() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"max_redemptions\":0}"),
                    "greater_than_equal", List.of("body", "percentage.once_forever", "max_redemptions"),
                    "Input should be greater than or equal to 1");
        }

        @Test
        void maxRedemptionsPerCustomerAtLeastOne() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"max_redemptions_per_customer\":0}"),
                    "greater_than_equal", List.of("body", "percentage.once_forever", "max_redemptions_per_customer"),
                    "Input should be greater than or equal to 1");
        }

        @Test
        void productIdsMustBeUuids() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"products\":[\"nope\"]}"),
                    "uuid_parsing", List.of("body", "percentage.once_forever", "products", 0),
                    "Input should be a valid UUID, invalid character: expected an optional prefix of `urn:uuid:` followed by [0-9a-fA-F-], found `n` at 1");
        }

        @Test
        void invalidMetadataRejected() {
            shape(post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"metadata\":{\"k\":[1]}}"),
                    "union_type", List.of("body", "percentage.once_forever", "metadata", "k"),
                    "Input should be a valid string, integer, number or boolean");
        }

        @Test
        void everyProblemIsReportedTogether() {
            post(tenant, "{\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":0,\"code\":\"a-b\"}")
                    .statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail.loc", contains(
                            List.of("body", "percentage.once_forever", "basis_points"),
                            List.of("body", "percentage.once_forever", "name"),
                            List.of("body", "percentage.once_forever", "code")));
        }

        @Test
        void malformedJsonIs422() {
            as(tenant).body("{\"name\":").post("/v1/discounts/").then().statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail[0].type", equalTo("json_invalid"));
        }

        @Test
        void bodyThatIsNotAnObjectIs422() {
            shape(post(tenant, "[1]"), "model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from");
        }

        @Test
        void failedCreateStoresNothing() {
            post(tenant, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5,\"products\":[\""
                    + UUID.randomUUID() + "\"]}").statusCode(422);
            as(tenant).get("/v1/discounts/").then().statusCode(200).body("pagination.total_count", equalTo(0));
        }
    }

    // --- list ----------------------------------------------------------------------------------------------------

    @Nested
    class List_ {

        @Test
        void listsOwnDiscountsNewestFirstWithPagination() {
            String a = percentage(tenant, "Alpha", "");
            String b = percentage(tenant, "Bravo", "");
            String c = percentage(tenant, "Charlie", "");
            percentage(data.tenant(), "Theirs", "");
            as(tenant).get("/v1/discounts/?limit=2").then().statusCode(200)
                    .body("items.id", contains(c, b))
                    .body("pagination.total_count", equalTo(3))
                    .body("pagination.max_page", equalTo(2));
            as(tenant).get("/v1/discounts?limit=2&page=2").then().statusCode(200)
                    .body("items.id", contains(a))
                    .body("pagination.total_count", equalTo(3));
        }

        @Test
        void sortsByName() {
            percentage(tenant, "Bravo", "");
            percentage(tenant, "Alpha", "");
            percentage(tenant, "Charlie", "");
            as(tenant).get("/v1/discounts/?sorting=name").then().statusCode(200)
                    .body("items.name", contains("Alpha", "Bravo", "Charlie"));
            as(tenant).get("/v1/discounts/?sorting=-name").then().statusCode(200)
                    .body("items.name", contains("Charlie", "Bravo", "Alpha"));
        }

        @Test
        void sortsByCode() {
            percentage(tenant, "One", "\"code\":\"BBB\"");
            percentage(tenant, "Two", "\"code\":\"AAA\"");
            as(tenant).get("/v1/discounts/?sorting=code").then().statusCode(200)
                    .body("items.code", contains("AAA", "BBB"));
        }

        @Test
        void sortsByRedemptionsCount() {
            String once = percentage(tenant, "Once", "");
            String twice = percentage(tenant, "Twice", "");
            percentage(tenant, "Never", "");
            redeem(once);
            redeem(twice);
            redeem(twice);
            as(tenant).get("/v1/discounts/?sorting=-redemptions_count").then().statusCode(200)
                    .body("items.name", contains("Twice", "Once", "Never"))
                    .body("items.redemptions_count", contains(2, 1, 0));
        }

        @Test
        void unknownSortingIs422() {
            as(tenant).get("/v1/discounts/?sorting=amount").then().statusCode(422)
                    .body("detail[0].type", equalTo("enum"))
                    .body("detail[0].loc", equalTo(List.of("query", "sorting", 0)));
        }

        @Test
        void queryMatchesNameOrCodeIgnoringCase() {
            percentage(tenant, "Summer Sale", "");
            percentage(tenant, "Winter", "\"code\":\"SUMMERCODE\"");
            percentage(tenant, "Spring", "");
            as(tenant).get("/v1/discounts/?query=summer&sorting=name").then().statusCode(200)
                    .body("items.name", contains("Summer Sale", "Winter"))
                    .body("pagination.total_count", equalTo(2));
        }

        @Test
        void queryTreatsLikeWildcardsLiterally() {
            percentage(tenant, "100% off", "");
            percentage(tenant, "100 off", "");
            as(tenant).queryParam("query", "100%").get("/v1/discounts/").then().statusCode(200)
                    .body("items.name", contains("100% off"));
        }

        @Test
        void ownOrganizationFilterAccepted() {
            percentage(tenant, "Mine", "");
            as(tenant).get("/v1/discounts/?organization_id=" + tenant.organizationId()).then().statusCode(200)
                    .body("items", hasSize(1));
        }

        @Test
        void foreignOrganizationFilterIs422() {
            Tenant other = data.tenant();
            service(as(tenant).get("/v1/discounts/?organization_id=" + other.organizationId()).then(),
                    List.of("query", "organization_id"), "Organization not found.");
        }

        @Test
        void repeatedOrganizationFilterReportsTheForeignIndex() {
            Tenant other = data.tenant();
            service(as(tenant).get("/v1/discounts/?organization_id=" + tenant.organizationId() + "&organization_id="
                    + other.organizationId()).then(), List.of("query", "organization_id", 1), "Organization not found.");
        }

        @Test
        void deletedDiscountsAreNotListed() {
            String gone = percentage(tenant, "Gone", "");
            percentage(tenant, "Kept", "");
            as(tenant).delete("/v1/discounts/" + gone).then().statusCode(204);
            as(tenant).get("/v1/discounts/").then().statusCode(200)
                    .body("items.name", contains("Kept"))
                    .body("pagination.total_count", equalTo(1));
        }

        @Test
        void listIncludesRestrictedProducts() {
            String productId = product(tenant);
            percentage(tenant, "P", "\"products\":[\"" + productId + "\"]");
            as(tenant).get("/v1/discounts/").then().statusCode(200)
                    .body("items[0].products.id", contains(productId));
        }

        @Test
        void invalidPageIs422() {
            as(tenant).get("/v1/discounts/?page=0").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("query", "page")));
        }
    }

    // --- get -----------------------------------------------------------------------------------------------------

    @Nested
    class Get {

        @Test
        void returnsTheDiscount() {
            String id = fixed(tenant, "\"code\":\"GETME\"");
            as(tenant).get("/v1/discounts/" + id).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("code", equalTo("GETME"))
                    .body("amount", equalTo(500));
        }

        @Test
        void anotherOrganizationsDiscountIs404() {
            String id = percentage(data.tenant(), "Theirs", "");
            as(tenant).get("/v1/discounts/" + id).then().statusCode(404)
                    .body("error", equalTo("ResourceNotFound"))
                    .body("detail", equalTo("Not found"));
        }

        @Test
        void unknownIdIs404() {
            as(tenant).get("/v1/discounts/" + UUID.randomUUID()).then().statusCode(404);
        }

        @Test
        void nonUuidIdIs422AtPathId() {
            as(tenant).get("/v1/discounts/not-a-uuid").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("path", "id")))
                    .body("detail[0].type", equalTo("uuid_parsing"));
        }

        @Test
        void readScopeIsEnough() {
            String id = percentage(tenant, "Read", "");
            Tenant reader = data.withScopes(tenant, Set.of(Scope.DISCOUNTS_READ));
            as(reader).get("/v1/discounts/" + id).then().statusCode(200);
            as(reader).get("/v1/discounts/").then().statusCode(200);
        }
    }

    // --- update --------------------------------------------------------------------------------------------------

    @Nested
    class Update {

        @Test
        void changesTheNameAndSetsModifiedAt() {
            String id = percentage(tenant, "Before", "\"code\":\"KEEP\"");
            patch(tenant, id, "{\"name\":\"After\"}").statusCode(200)
                    .body("name", equalTo("After"))
                    .body("code", equalTo("KEEP"))
                    .body("basis_points", equalTo(1000))
                    .body("modified_at", notNullValue());
        }

        @Test
        void changesBasisPointsBeforeAnyRedemption() {
            String id = percentage(tenant, "P", "");
            patch(tenant, id, "{\"basis_points\":2000,\"currency\":\"usd\"}").statusCode(200)
                    .body("basis_points", equalTo(2000))
                    .body("$", not(hasKey("currency")));
        }

        @Test
        void changesTheFixedAmountAsTheSdkSendsIt() {
            String id = fixed(tenant, "");
            patch(tenant, id, "{\"amount\":750,\"currency\":\"usd\"}").statusCode(200)
                    .body("amount", equalTo(750))
                    .body("amounts", equalTo(java.util.Map.of("usd", 750)));
        }

        @Test
        void replacesTheAmountsMap() {
            String id = fixed(tenant, "");
            patch(tenant, id, "{\"amounts\":{\"eur\":400,\"usd\":450},\"currency\":\"usd\"}").statusCode(200)
                    .body("amount", equalTo(450))
                    .body("currency", equalTo("usd"))
                    .body("amounts.eur", equalTo(400));
        }

        @Test
        void changesDurationInMonthsOfARepeatingDiscount() {
            String id = create(tenant, "{\"name\":\"R\",\"type\":\"percentage\",\"duration\":\"repeating\",\"duration_in_months\":2,\"basis_points\":5}");
            patch(tenant, id, "{\"duration_in_months\":6,\"duration\":\"repeating\"}").statusCode(200)
                    .body("duration_in_months", equalTo(6));
        }

        @Test
        void durationInMonthsOnANonRepeatingDiscountIs422() {
            String id = percentage(tenant, "P", "");
            service(patch(tenant, id, "{\"duration_in_months\":6}"), List.of("body", "duration_in_months"),
                    "Duration in months can only be set on a repeating discount.");
        }

        @Test
        void typeCannotChange() {
            String id = percentage(tenant, "P", "");
            service(patch(tenant, id, "{\"type\":\"fixed\"}"), List.of("body", "type"), "Type cannot be changed.");
        }

        @Test
        void durationCannotChange() {
            String id = percentage(tenant, "P", "");
            service(patch(tenant, id, "{\"duration\":\"forever\"}"), List.of("body", "duration"), "Duration cannot be changed.");
        }

        @Test
        void sameTypeAndDurationAreAccepted() {
            String id = percentage(tenant, "P", "");
            patch(tenant, id, "{\"type\":\"percentage\",\"duration\":\"once\"}").statusCode(200);
        }

        @Test
        void clearsTheCodeWithNull() {
            String id = percentage(tenant, "P", "\"code\":\"CLEARME\"");
            patch(tenant, id, "{\"code\":null}").statusCode(200).body("code", nullValue());
            percentage(tenant, "Q", "\"code\":\"CLEARME\"");
        }

        @Test
        void codeTakenByAnotherDiscountIs422() {
            percentage(tenant, "Taken", "\"code\":\"TAKEN\"");
            String id = percentage(tenant, "P", "");
            service(patch(tenant, id, "{\"code\":\"taken\"}"), List.of("body", "code"),
                    "Discount with this code already exists.");
        }

        @Test
        void ownCodeInAnotherCaseIsFine() {
            String id = percentage(tenant, "P", "\"code\":\"MINE\"");
            patch(tenant, id, "{\"code\":\"mine\"}").statusCode(200).body("code", equalTo("mine"));
        }

        @Test
        void invalidCodeIs422() {
            String id = percentage(tenant, "P", "");
            shape(patch(tenant, id, "{\"code\":\"no spaces\"}"), "value_error", List.of("body", "code"),
                    "Value error, Code must contain only alphanumeric characters.");
        }

        @Test
        void startsAtAfterTheStoredEndsAtIs422() {
            String id = percentage(tenant, "P", "\"ends_at\":\"2025-03-01T00:00:00Z\"");
            service(patch(tenant, id, "{\"starts_at\":\"2025-04-01T00:00:00Z\"}"), List.of("body", "starts_at"),
                    "starts_at must be before ends_at");
        }

        @Test
        void startsAtAfterEndsAtInTheBodyIs422OnTheBody() {
            String id = percentage(tenant, "P", "");
            shape(patch(tenant, id, "{\"starts_at\":\"2025-04-01T00:00:00Z\",\"ends_at\":\"2025-03-01T00:00:00Z\"}"),
                    "value_error", List.of("body"), "Value error, starts_at must be before ends_at");
        }

        @Test
        void clearingEndsAtIsFine() {
            String id = percentage(tenant, "P", "\"starts_at\":\"2025-01-01T00:00:00Z\",\"ends_at\":\"2025-03-01T00:00:00Z\"");
            patch(tenant, id, "{\"ends_at\":null,\"max_redemptions\":null}").statusCode(200)
                    .body("ends_at", nullValue())
                    .body("starts_at", equalTo("2025-01-01T00:00:00Z"));
        }

        @Test
        void setsAndClearsMaxRedemptions() {
            String id = percentage(tenant, "P", "");
            patch(tenant, id, "{\"max_redemptions\":5,\"max_redemptions_per_customer\":2}").statusCode(200)
                    .body("max_redemptions", equalTo(5))
                    .body("max_redemptions_per_customer", equalTo(2));
            patch(tenant, id, "{\"max_redemptions\":null}").statusCode(200)
                    .body("max_redemptions", nullValue())
                    .body("max_redemptions_per_customer", equalTo(2));
        }

        @Test
        void replacesAndClearsProducts() {
            String first = product(tenant);
            String second = product(tenant);
            String id = percentage(tenant, "P", "\"products\":[\"" + first + "\"]");
            patch(tenant, id, "{\"products\":[\"" + second + "\",\"" + first + "\"]}").statusCode(200)
                    .body("products.id", contains(second, first));
            patch(tenant, id, "{\"name\":\"Same products\"}").statusCode(200)
                    .body("products.id", contains(second, first));
            patch(tenant, id, "{\"products\":[]}").statusCode(200).body("products", empty());
        }

        @Test
        void foreignProductIs422AndChangesNothing() {
            String own = product(tenant);
            String foreign = product(data.tenant());
            String id = percentage(tenant, "P", "\"products\":[\"" + own + "\"]");
            service(patch(tenant, id, "{\"name\":\"Changed\",\"products\":[\"" + foreign + "\"]}"),
                    List.of("body", "products", 0), "Product not found.");
            as(tenant).get("/v1/discounts/" + id).then().statusCode(200)
                    .body("name", equalTo("P"))
                    .body("products.id", contains(own));
        }

        @Test
        void replacesMetadata() {
            String id = percentage(tenant, "P", "\"metadata\":{\"a\":\"1\"}");
            patch(tenant, id, "{\"metadata\":{\"b\":2}}").statusCode(200)
                    .body("metadata", equalTo(java.util.Map.of("b", 2)));
        }

        @Test
        void reportsSeveralProblemsTogether() {
            String id = percentage(tenant, "P", "");
            patch(tenant, id, "{\"type\":\"fixed\",\"duration\":\"forever\"}").statusCode(422)
                    .body("detail.loc", contains(List.of("body", "duration"), List.of("body", "type")));
        }

        @Test
        void anotherOrganizationsDiscountIs404() {
            String id = percentage(data.tenant(), "Theirs", "");
            patch(tenant, id, "{\"name\":\"Mine now\"}").statusCode(404).body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void deletedDiscountIs404() {
            String id = percentage(tenant, "P", "");
            as(tenant).delete("/v1/discounts/" + id).then().statusCode(204);
            patch(tenant, id, "{\"name\":\"Back\"}").statusCode(404);
        }

        @Test
        void nonUuidIdIs422AtPathId() {
            patch(tenant, "123", "{}").statusCode(422).body("detail[0].loc", equalTo(List.of("path", "id")));
        }

        @Test
        void readOnlyTokenIs403() {
            String id = percentage(tenant, "P", "");
            Tenant reader = data.withScopes(tenant, Set.of(Scope.DISCOUNTS_READ));
            patch(reader, id, "{\"name\":\"X\"}").statusCode(403);
        }
    }

    @Nested
    class AfterRedemption {

        @Test
        void triggersCountRedemptionsUpAndDown() {
            String id = percentage(tenant, "P", "");
            redeem(id);
            as(tenant).get("/v1/discounts/" + id).then().statusCode(200).body("redemptions_count", equalTo(1));
            jdbc.sql("DELETE FROM discount_redemptions WHERE discount_id = :id").param("id", UUID.fromString(id)).update();
            as(tenant).get("/v1/discounts/" + id).then().statusCode(200).body("redemptions_count", equalTo(0));
        }

        @Test
        void basisPointsCannotChange() {
            String id = percentage(tenant, "P", "");
            redeem(id);
            service(patch(tenant, id, "{\"basis_points\":2000}"), List.of("body", "basis_points"),
                    "This field cannot be changed because the discount has already been redeemed.");
        }

        @Test
        void nameCanStillChange() {
            String id = percentage(tenant, "P", "");
            redeem(id);
            patch(tenant, id, "{\"name\":\"Renamed\",\"basis_points\":1000}").statusCode(200)
                    .body("name", equalTo("Renamed"))
                    .body("redemptions_count", equalTo(1));
        }

        @Test
        void fixedAmountCannotChange() {
            String id = fixed(tenant, "");
            redeem(id);
            service(patch(tenant, id, "{\"amount\":600,\"currency\":\"usd\"}"), List.of("body", "amount"),
                    "This field cannot be changed because the discount has already been redeemed.");
        }

        @Test
        void fixedAmountsCannotChange() {
            String id = fixed(tenant, "");
            redeem(id);
            service(patch(tenant, id, "{\"amounts\":{\"usd\":500,\"eur\":400}}"), List.of("body", "amounts"),
                    "This field cannot be changed because the discount has already been redeemed.");
        }

        @Test
        void sdkUpdateOfAFixedDiscountWithTheSameAmountIsFine() {
            String id = fixed(tenant, "");
            redeem(id);
            patch(tenant, id, "{\"name\":\"Renamed\",\"amount\":500,\"currency\":\"usd\"}").statusCode(200)
                    .body("name", equalTo("Renamed"));
        }

        @Test
        void durationInMonthsCannotChange() {
            String id = create(tenant, "{\"name\":\"R\",\"type\":\"fixed\",\"duration\":\"repeating\",\"duration_in_months\":2,\"amount\":5}");
            redeem(id);
            service(patch(tenant, id, "{\"duration_in_months\":3}"), List.of("body", "duration_in_months"),
                    "This field cannot be changed because the discount has already been redeemed.");
        }
    }

    // --- delete --------------------------------------------------------------------------------------------------

    @Nested
    class Delete {

        @Test
        void softDeletesTheDiscount() {
            String id = percentage(tenant, "P", "");
            as(tenant).delete("/v1/discounts/" + id).then().statusCode(204);
            as(tenant).get("/v1/discounts/" + id).then().statusCode(404);
            Integer rows = jdbc.sql("SELECT count(*) FROM discounts WHERE id = :id AND deleted_at IS NOT NULL")
                    .param("id", UUID.fromString(id)).query(Integer.class).single();
            assertEquals(1, rows);
        }

        @Test
        void deletingTwiceIs404() {
            String id = percentage(tenant, "P", "");
            as(tenant).delete("/v1/discounts/" + id).then().statusCode(204);
            as(tenant).delete("/v1/discounts/" + id).then().statusCode(404);
        }

        @Test
        void anotherOrganizationsDiscountIs404AndStays() {
            Tenant other = data.tenant();
            String id = percentage(other, "Theirs", "");
            as(tenant).delete("/v1/discounts/" + id).then().statusCode(404);
            as(other).get("/v1/discounts/" + id).then().statusCode(200);
        }

        @Test
        void nonUuidIdIs422AtPathId() {
            as(tenant).delete("/v1/discounts/xyz").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("path", "id")));
        }
    }

    // --- auth ----------------------------------------------------------------------------------------------------

    @Nested
    class Auth {

        @Test
        void noTokenIs401() {
            anonymous().get("/v1/discounts/").then().statusCode(401);
            anonymous().body("{}").post("/v1/discounts/").then().statusCode(401);
        }

        @Test
        void tokenWithoutDiscountScopesIs403() {
            Tenant products = data.tenant(Set.of(Scope.PRODUCTS_READ, Scope.PRODUCTS_WRITE));
            as(products).get("/v1/discounts/").then().statusCode(403);
            as(products).get("/v1/discounts/" + UUID.randomUUID()).then().statusCode(403);
        }

        @Test
        void readScopeCannotCreateOrDelete() {
            String id = percentage(tenant, "P", "");
            Tenant reader = data.withScopes(tenant, Set.of(Scope.DISCOUNTS_READ));
            post(reader, "{\"name\":\"N\",\"type\":\"percentage\",\"duration\":\"once\",\"basis_points\":5}").statusCode(403);
            as(reader).delete("/v1/discounts/" + id).then().statusCode(403);
        }
    }

    // --- service API for checkouts ---------------------------------------------------------------------------------

    @Nested
    class ServiceLookups {

        @Test
        void findsByCodeIgnoringCase() {
            String productId = product(tenant);
            String id = percentage(tenant, "P", "\"code\":\"Lookup\",\"products\":[\"" + productId + "\"]");
            Discount found = discountService.findByCode(tenant.organizationId(), "LOOKUP").orElseThrow();
            assertEquals(UUID.fromString(id), found.id());
            assertEquals(Discount.Type.PERCENTAGE, found.type());
            assertEquals(List.of(UUID.fromString(productId)), found.productIds());
            assertTrue(found.appliesTo(UUID.fromString(productId), "eur"));
        }

        @Test
        void findsFixedByIdWithItsAmounts() {
            String id = create(tenant, "{\"name\":\"F\",\"type\":\"fixed\",\"duration\":\"repeating\",\"duration_in_months\":4,\"amounts\":{\"usd\":300,\"eur\":250}}");
            Discount.Fixed found = (Discount.Fixed) discountService.findById(tenant.organizationId(), UUID.fromString(id)).orElseThrow();
            assertEquals(java.util.Map.of("usd", 300L, "eur", 250L), found.amounts());
            assertEquals(Discount.Duration.REPEATING, found.duration());
            assertEquals(4, found.durationInMonths());
            assertEquals(250, found.amountFor(1000, "eur"));
        }

        @Test
        void otherOrganizationsAndDeletedDiscountsAreNotFound() {
            String id = percentage(tenant, "P", "\"code\":\"HIDDEN\"");
            Tenant other = data.tenant();
            assertTrue(discountService.findById(other.organizationId(), UUID.fromString(id)).isEmpty());
            assertTrue(discountService.findByCode(other.organizationId(), "HIDDEN").isEmpty());
            as(tenant).delete("/v1/discounts/" + id).then().statusCode(204);
            assertTrue(discountService.findById(tenant.organizationId(), UUID.fromString(id)).isEmpty());
            assertTrue(discountService.findByCode(tenant.organizationId(), "hidden").isEmpty());
        }

        @Test
        void redemptionCountIsVisibleToCheckouts() {
            String id = percentage(tenant, "P", "\"max_redemptions\":1");
            Discount before = discountService.findById(tenant.organizationId(), UUID.fromString(id)).orElseThrow();
            assertTrue(before.isRedeemableAt(java.time.Instant.now()));
            redeem(id);
            Discount after = discountService.findById(tenant.organizationId(), UUID.fromString(id)).orElseThrow();
            assertEquals(1, after.redemptionsCount());
            assertTrue(!after.isRedeemableAt(java.time.Instant.now()));
        }
    }
}
