package dev.kassa.customfield;

import static org.hamcrest.Matchers.aMapWithSize;
import static org.hamcrest.Matchers.anEmptyMap;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

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

class CustomFieldEndpointsTest extends ApiTest {

    private static final String TIMESTAMP = "^\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}(\\.\\d+)?Z$";

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    private ValidatableResponse post(Tenant who, String body) {
        return as(who).body(body).post("/v1/custom-fields/").then();
    }

    private String create(Tenant who, String type, String slug, String name, String properties) {
        return post(who, """
                {"type": "%s", "slug": "%s", "name": "%s", "properties": %s}
                """.formatted(type, slug, name, properties))
                .statusCode(201).extract().path("id");
    }

    private String createText(Tenant who, String slug) {
        return create(who, "text", slug, "Field " + slug, "{}");
    }

    private static void problem(ValidatableResponse response, String error, String type, List<Object> loc, String msg) {
        response.statusCode(422)
                .body("error", equalTo(error))
                .body("detail", hasSize(1))
                .body("detail[0].type", equalTo(type))
                .body("detail[0].loc", equalTo(loc))
                .body("detail[0].msg", equalTo(msg));
    }

    private static void shapeProblem(ValidatableResponse response, String type, List<Object> loc, String msg) {
        problem(response, "RequestValidationError", type, loc, msg);
    }

    @Nested
    class Create {

        @Test
        void textFieldIsCreatedWithPolarsShape() {
            post(tenant, """
                    {"type": "text", "slug": "company", "name": "Company",
                     "properties": {"form_label": "Your company", "textarea": true, "min_length": 2, "max_length": 50},
                     "metadata": {"source": "crm", "rank": 3}}
                    """)
                    .statusCode(201)
                    .body("$", aMapWithSize(9))
                    .body("id", matchesPattern("^[0-9a-f-]{36}$"))
                    .body("created_at", matchesPattern(TIMESTAMP))
                    .body("modified_at", nullValue())
                    .body("type", equalTo("text"))
                    .body("slug", equalTo("company"))
                    .body("name", equalTo("Company"))
                    .body("organization_id", equalTo(tenant.organizationId().toString()))
                    .body("metadata.source", equalTo("crm"))
                    .body("metadata.rank", equalTo(3))
                    .body("properties", aMapWithSize(4))
                    .body("properties.form_label", equalTo("Your company"))
                    .body("properties.textarea", equalTo(true))
                    .body("properties.min_length", equalTo(2))
                    .body("properties.max_length", equalTo(50));
        }

        @Test
        void absentOptionalPropertiesAreOmittedNotNull() {
            post(tenant, """
                    {"type": "text", "slug": "plain", "name": "Plain", "properties": {}}
                    """)
                    .statusCode(201)
                    .body("properties", anEmptyMap())
                    .body("metadata", anEmptyMap());
        }

        @Test
        void numberField() {
            post(tenant, """
                    {"type": "number", "slug": "seats", "name": "Seats", "properties": {"ge": 1, "le": 100, "form_help_text": "How many"}}
                    """)
                    .statusCode(201)
                    .body("type", equalTo("number"))
                    .body("properties", aMapWithSize(3))
                    .body("properties.ge", equalTo(1))
                    .body("properties.le", equalTo(100))
                    .body("properties.form_help_text", equalTo("How many"));
        }

        @Test
        void dateFieldTakesUnixTimestampBounds() {
            post(tenant, """
                    {"type": "date", "slug": "birthday", "name": "Birthday", "properties": {"ge": 0, "le": 1700000000}}
                    """)
                    .statusCode(201)
                    .body("type", equalTo("date"))
                    .body("properties", aMapWithSize(2))
                    .body("properties.ge", equalTo(0))
                    .body("properties.le", equalTo(1700000000));
        }

        @Test
        void checkboxFieldKeepsOnlyFormProperties() {
            post(tenant, """
                    {"type": "checkbox", "slug": "tos", "name": "Terms", "properties": {"form_label": "I agree", "textarea": true}}
                    """)
                    .statusCode(201)
                    .body("type", equalTo("checkbox"))
                    .body("properties", aMapWithSize(1))
                    .body("properties.form_label", equalTo("I agree"));
        }

        @Test
        void selectField() {
            post(tenant, """
                    {"type": "select", "slug": "size", "name": "Size",
                     "properties": {"options": [{"value": "s", "label": "Small"}, {"value": "l", "label": "Large"}], "form_placeholder": "Pick one"}}
                    """)
                    .statusCode(201)
                    .body("type", equalTo("select"))
                    .body("properties.options.value", contains("s", "l"))
                    .body("properties.options.label", contains("Small", "Large"))
                    .body("properties.form_placeholder", equalTo("Pick one"));
        }

        @Test
        void slugIsLowerCased() {
            post(tenant, """
                    {"type": "text", "slug": "VAT_Number-2", "name": "VAT", "properties": {}}
                    """)
                    .statusCode(201)
                    .body("slug", equalTo("vat_number-2"));
        }

        @Test
        void ownOrganizationIdIsAccepted() {
            post(tenant, """
                    {"type": "text", "slug": "own", "name": "Own", "properties": {}, "organization_id": "%s"}
                    """.formatted(tenant.organizationId()))
                    .statusCode(201)
                    .body("organization_id", equalTo(tenant.organizationId().toString()));
        }

        @Test
        void unknownKeysAreIgnored() {
            post(tenant, """
                    {"type": "text", "slug": "extra", "name": "Extra", "properties": {"colour": "red"}, "whatever": 1}
                    """)
                    .statusCode(201)
                    .body("$", not(hasKey("whatever")))
                    .body("properties", anEmptyMap());
        }

        @Test
        void foreignOrganizationIdIs422() {
            Tenant other = data.tenant();
            problem(post(tenant, """
                    {"type": "text", "slug": "x", "name": "X", "properties": {}, "organization_id": "%s"}
                    """.formatted(other.organizationId())),
                    "PolarRequestValidationError", "value_error", List.of("body", "organization_id"), "Organization not found.");
        }

        @Test
        void duplicateSlugIs422() {
            createText(tenant, "dup");
            problem(post(tenant, """
                    {"type": "number", "slug": "DUP", "name": "Again", "properties": {}}
                    """),
                    "PolarRequestValidationError", "value_error", List.of("body", "slug"), "Custom field with this slug already exists.");
        }

        @Test
        void sameSlugInAnotherOrganizationIsFine() {
            createText(data.tenant(), "shared");
            post(tenant, """
                    {"type": "text", "slug": "shared", "name": "Shared", "properties": {}}
                    """).statusCode(201);
        }

        @Test
        void slugOfADeletedFieldCanBeReused() {
            String id = createText(tenant, "reused");
            as(tenant).delete("/v1/custom-fields/" + id).then().statusCode(204);
            post(tenant, """
                    {"type": "text", "slug": "reused", "name": "Reused", "properties": {}}
                    """).statusCode(201);
        }

        @Test
        void failedCreateStoresNothing() {
            post(tenant, """
                    {"type": "text", "slug": "bad slug", "name": "Bad", "properties": {}}
                    """).statusCode(422);
            as(tenant).get("/v1/custom-fields/").then().statusCode(200).body("items", empty());
        }
    }

    @Nested
    class CreateValidation {

        @Test
        void missingTypeIsAUnionTagError() {
            shapeProblem(post(tenant, """
                    {"slug": "a", "name": "A", "properties": {}}
                    """), "union_tag_not_found", List.of("body"), "Unable to extract tag using discriminator 'type'");
        }

        @Test
        void unknownTypeIsAUnionTagError() {
            shapeProblem(post(tenant, """
                    {"type": "color", "slug": "a", "name": "A", "properties": {}}
                    """), "union_tag_invalid", List.of("body"),
                    "Input tag 'color' found using 'type' does not match any of the expected tags: 'text', 'number', 'date', 'checkbox', 'select'");
        }

        @Test
        void bodyThatIsNotAnObject() {
            shapeProblem(post(tenant, "[1, 2]"), "model_attributes_type", List.of("body"),
                    "Input should be a valid dictionary or object to extract fields from");
        }

        @Test
        void malformedJson() {
            post(tenant, "{\"type\": ").statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail[0].type", equalTo("json_invalid"))
                    .body("detail[0].loc[0]", equalTo("body"))
                    .body("detail[0].msg", equalTo("JSON decode error"));
        }

        @Test
        void missingSlugNameAndPropertiesAreAllReported() {
            post(tenant, """
                    {"type": "text"}
                    """).statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail", hasSize(3))
                    .body("detail.type", contains("missing", "missing", "missing"))
                    .body("detail.loc", contains(List.of("body", "text", "slug"), List.of("body", "text", "name"),
                            List.of("body", "text", "properties")))
                    .body("detail[0].msg", equalTo("Field required"));
        }

        @Test
        void slugWithForbiddenCharacters() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "no spaces", "name": "A", "properties": {}}
                    """), "string_pattern_mismatch", List.of("body", "text", "slug"), "String should match pattern '^[a-z0-9-_]+$'");
        }

        @Test
        void emptySlug() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "", "name": "A", "properties": {}}
                    """), "string_too_short", List.of("body", "text", "slug"), "String should have at least 1 character");
        }

        @Test
        void slugThatIsNotAString() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": 12, "name": "A", "properties": {}}
                    """), "string_type", List.of("body", "text", "slug"), "Input should be a valid string");
        }

        @Test
        void emptyName() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "a", "name": "", "properties": {}}
                    """), "string_too_short", List.of("body", "text", "name"), "String should have at least 1 character");
        }

        @Test
        void propertiesThatAreNotAnObject() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "a", "name": "A", "properties": "big"}
                    """), "dict_type", List.of("body", "text", "properties"), "Input should be a valid dictionary");
        }

        @Test
        void emptyFormLabel() {
            shapeProblem(post(tenant, """
                    {"type": "checkbox", "slug": "a", "name": "A", "properties": {"form_label": ""}}
                    """), "string_too_short", List.of("body", "checkbox", "properties", "form_label"), "String should have at least 1 character");
        }

        @Test
        void nullFormHelpText() {
            shapeProblem(post(tenant, """
                    {"type": "checkbox", "slug": "a", "name": "A", "properties": {"form_help_text": null}}
                    """), "string_type", List.of("body", "checkbox", "properties", "form_help_text"), "Input should be a valid string");
        }

        @Test
        void textareaMustBeABoolean() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "a", "name": "A", "properties": {"textarea": "long"}}
                    """), "bool_type", List.of("body", "text", "properties", "textarea"), "Input should be a valid boolean");
        }

        @Test
        void negativeMinLength() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "a", "name": "A", "properties": {"min_length": -1}}
                    """), "greater_than_equal", List.of("body", "text", "properties", "min_length"), "Input should be greater than or equal to 0");
        }

        @Test
        void fractionalMaxLength() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "a", "name": "A", "properties": {"max_length": 1.5}}
                    """), "int_from_float", List.of("body", "text", "properties", "max_length"),
                    "Input should be a valid integer, got a number with a fractional part");
        }

        @Test
        void minLengthAboveMaxLength() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "a", "name": "A", "properties": {"min_length": 10, "max_length": 5}}
                    """), "value_error", List.of("body", "text", "properties", "max_length"),
                    "Value error, Minimum length (min_length) must be less than or equal to Maximum length (max_length)");
        }

        @Test
        void numberGeAboveLe() {
            shapeProblem(post(tenant, """
                    {"type": "number", "slug": "a", "name": "A", "properties": {"ge": 10, "le": 5}}
                    """), "value_error", List.of("body", "number", "properties", "le"),
                    "Value error, Greater than or equal (ge) must be less than or equal to Less than or equal (le)");
        }

        @Test
        void numberBoundOutsideInt32() {
            shapeProblem(post(tenant, """
                    {"type": "number", "slug": "a", "name": "A", "properties": {"le": 2147483648}}
                    """), "less_than_equal", List.of("body", "number", "properties", "le"), "Input should be less than or equal to 2147483647");
        }

        @Test
        void dateGeAboveLe() {
            shapeProblem(post(tenant, """
                    {"type": "date", "slug": "a", "name": "A", "properties": {"ge": 1700000000, "le": 1600000000}}
                    """), "value_error", List.of("body", "date", "properties", "le"),
                    "Value error, Greater than or equal (ge) must be less than or equal to Less than or equal (le)");
        }

        @Test
        void dateBoundMustBeAnInteger() {
            shapeProblem(post(tenant, """
                    {"type": "date", "slug": "a", "name": "A", "properties": {"ge": "yesterday"}}
                    """), "int_parsing", List.of("body", "date", "properties", "ge"),
                    "Input should be a valid integer, unable to parse string as an integer");
        }

        @Test
        void selectWithoutOptions() {
            shapeProblem(post(tenant, """
                    {"type": "select", "slug": "a", "name": "A", "properties": {}}
                    """), "missing", List.of("body", "select", "properties", "options"), "Field required");
        }

        @Test
        void selectWithEmptyOptions() {
            shapeProblem(post(tenant, """
                    {"type": "select", "slug": "a", "name": "A", "properties": {"options": []}}
                    """), "too_short", List.of("body", "select", "properties", "options"),
                    "List should have at least 1 item after validation, not 0");
        }

        @Test
        void selectOptionWithEmptyLabel() {
            shapeProblem(post(tenant, """
                    {"type": "select", "slug": "a", "name": "A", "properties": {"options": [{"value": "a", "label": "A"}, {"value": "b", "label": ""}]}}
                    """), "string_too_short", List.of("body", "select", "properties", "options", 1, "label"),
                    "String should have at least 1 character");
        }

        @Test
        void selectOptionWithoutValue() {
            shapeProblem(post(tenant, """
                    {"type": "select", "slug": "a", "name": "A", "properties": {"options": [{"label": "A"}]}}
                    """), "missing", List.of("body", "select", "properties", "options", 0, "value"), "Field required");
        }

        @Test
        void selectOptionThatIsNotAnObject() {
            shapeProblem(post(tenant, """
                    {"type": "select", "slug": "a", "name": "A", "properties": {"options": ["a"]}}
                    """), "dict_type", List.of("body", "select", "properties", "options", 0), "Input should be a valid dictionary");
        }

        @Test
        void invalidMetadataValue() {
            shapeProblem(post(tenant, """
                    {"type": "text", "slug": "a", "name": "A", "properties": {}, "metadata": {"k": ""}}
                    """), "string_too_short", List.of("body", "text", "metadata", "k"), "String should have at least 1 character");
        }

        @Test
        void malformedOrganizationId() {
            post(tenant, """
                    {"type": "text", "slug": "a", "name": "A", "properties": {}, "organization_id": "nope"}
                    """).statusCode(422)
                    .body("detail[0].type", equalTo("uuid_parsing"))
                    .body("detail[0].loc", equalTo(List.of("body", "text", "organization_id")));
        }
    }

    @Nested
    class ListFields {

        @Test
        void emptyList() {
            as(tenant).get("/v1/custom-fields/").then().statusCode(200)
                    .body("items", empty())
                    .body("pagination.total_count", equalTo(0))
                    .body("pagination.max_page", equalTo(0));
        }

        @Test
        void pathWithoutTrailingSlashWorksToo() {
            createText(tenant, "one");
            as(tenant).get("/v1/custom-fields").then().statusCode(200).body("items.slug", contains("one"));
        }

        @Test
        void defaultSortingIsSlugAscending() {
            createText(tenant, "b");
            createText(tenant, "c");
            createText(tenant, "a");
            as(tenant).get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("a", "b", "c"))
                    .body("pagination.total_count", equalTo(3))
                    .body("pagination.max_page", equalTo(1));
        }

        @Test
        void sortingByCreatedAtDescending() {
            createText(tenant, "first");
            createText(tenant, "second");
            as(tenant).queryParam("sorting", "-created_at").get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("second", "first"));
        }

        @Test
        void sortingByTypeThenName() {
            create(tenant, "text", "t1", "Zed", "{}");
            create(tenant, "number", "n1", "Num", "{}");
            create(tenant, "text", "t2", "Abe", "{}");
            as(tenant).queryParam("sorting", "type", "name").get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("n1", "t2", "t1"));
        }

        @Test
        void sortingByNameDescending() {
            create(tenant, "text", "x", "Alpha", "{}");
            create(tenant, "text", "y", "Beta", "{}");
            as(tenant).queryParam("sorting", "-name").get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.name", contains("Beta", "Alpha"));
        }

        @Test
        void unknownSortingIs422() {
            shapeProblem(as(tenant).queryParam("sorting", "price").get("/v1/custom-fields/").then(),
                    "enum", List.of("query", "sorting", 0),
                    "Input should be 'created_at', '-created_at', 'slug', '-slug', 'name', '-name', 'type' or '-type'");
        }

        @Test
        void paginates() {
            for (String slug : List.of("a", "b", "c", "d", "e")) {
                createText(tenant, slug);
            }
            as(tenant).queryParam("page", 2).queryParam("limit", 2).get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("c", "d"))
                    .body("pagination.total_count", equalTo(5))
                    .body("pagination.max_page", equalTo(3));
        }

        @Test
        void pageBeyondTheEndIsEmpty() {
            createText(tenant, "a");
            as(tenant).queryParam("page", 5).get("/v1/custom-fields/").then().statusCode(200)
                    .body("items", empty())
                    .body("pagination.total_count", equalTo(1));
        }

        @Test
        void limitAboveMaximumIs422() {
            shapeProblem(as(tenant).queryParam("limit", 101).get("/v1/custom-fields/").then(),
                    "less_than_equal", List.of("query", "limit"), "Input should be less than or equal to 100");
        }

        @Test
        void filtersByQueryOnNameOrSlugIgnoringCase() {
            create(tenant, "text", "company", "Employer", "{}");
            create(tenant, "text", "phone", "Phone number", "{}");
            create(tenant, "text", "vat", "VAT id", "{}");
            as(tenant).queryParam("query", "PLOY").get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("company"));
            as(tenant).queryParam("query", "pan").get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("company"));
        }

        @Test
        void filtersByOneType() {
            create(tenant, "text", "t", "T", "{}");
            create(tenant, "checkbox", "c", "C", "{}");
            as(tenant).queryParam("type", "checkbox").get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("c"))
                    .body("pagination.total_count", equalTo(1));
        }

        @Test
        void filtersByRepeatedType() {
            create(tenant, "text", "t", "T", "{}");
            create(tenant, "checkbox", "c", "C", "{}");
            create(tenant, "number", "n", "N", "{}");
            as(tenant).queryParam("type", "checkbox", "number").get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("c", "n"));
        }

        @Test
        void unknownTypeFilterIs422() {
            shapeProblem(as(tenant).queryParam("type", "color").get("/v1/custom-fields/").then(),
                    "enum", List.of("query", "type"), "Input should be 'text', 'number', 'date', 'checkbox' or 'select'");
        }

        @Test
        void filterByOwnOrganization() {
            createText(tenant, "mine");
            as(tenant).queryParam("organization_id", tenant.organizationId().toString()).get("/v1/custom-fields/").then()
                    .statusCode(200).body("items.slug", contains("mine"));
        }

        @Test
        void filterByForeignOrganizationIs422() {
            Tenant other = data.tenant();
            problem(as(tenant).queryParam("organization_id", other.organizationId().toString()).get("/v1/custom-fields/").then(),
                    "PolarRequestValidationError", "value_error", List.of("query", "organization_id"), "Organization not found.");
        }

        @Test
        void malformedOrganizationFilterIs422() {
            as(tenant).queryParam("organization_id", "nope").get("/v1/custom-fields/").then().statusCode(422)
                    .body("detail[0].type", equalTo("uuid_parsing"))
                    .body("detail[0].loc", equalTo(List.of("query", "organization_id")));
        }

        @Test
        void anotherOrganizationsFieldsAreNotListed() {
            createText(data.tenant(), "theirs");
            createText(tenant, "mine");
            as(tenant).get("/v1/custom-fields/").then().statusCode(200)
                    .body("items.slug", contains("mine"))
                    .body("pagination.total_count", equalTo(1));
        }

        @Test
        void deletedFieldsAreNotListed() {
            String id = createText(tenant, "gone");
            as(tenant).delete("/v1/custom-fields/" + id).then().statusCode(204);
            as(tenant).get("/v1/custom-fields/").then().statusCode(200).body("items", empty());
        }
    }

    @Nested
    class Get {

        @Test
        void returnsTheField() {
            String id = create(tenant, "select", "size", "Size", """
                    {"options": [{"value": "m", "label": "Medium"}]}""");
            as(tenant).get("/v1/custom-fields/" + id).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("type", equalTo("select"))
                    .body("slug", equalTo("size"))
                    .body("name", equalTo("Size"))
                    .body("modified_at", nullValue())
                    .body("metadata", anEmptyMap())
                    .body("properties", aMapWithSize(1))
                    .body("properties.options[0].value", equalTo("m"))
                    .body("properties.options[0].label", equalTo("Medium"));
        }

        @Test
        void unknownIdIs404() {
            as(tenant).get("/v1/custom-fields/" + UUID.randomUUID()).then().statusCode(404)
                    .body("error", equalTo("ResourceNotFound"))
                    .body("detail", equalTo("Not found"));
        }

        @Test
        void anotherOrganizationsFieldIs404() {
            String id = createText(data.tenant(), "theirs");
            as(tenant).get("/v1/custom-fields/" + id).then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void nonUuidIdIs422() {
            as(tenant).get("/v1/custom-fields/abc").then().statusCode(422)
                    .body("error", equalTo("RequestValidationError"))
                    .body("detail[0].type", equalTo("uuid_parsing"))
                    .body("detail[0].loc", equalTo(List.of("path", "id")));
        }

        @Test
        void readScopeIsEnough() {
            String id = createText(tenant, "readable");
            Tenant reader = data.withScopes(tenant, Set.of(Scope.CUSTOM_FIELDS_READ));
            as(reader).get("/v1/custom-fields/" + id).then().statusCode(200).body("slug", equalTo("readable"));
        }
    }

    @Nested
    class Update {

        @Test
        void updatesNameSlugPropertiesAndMetadata() {
            String id = create(tenant, "text", "old", "Old", """
                    {"form_label": "Old label", "textarea": true}""");
            as(tenant).body("""
                    {"type": "text", "name": "New", "slug": "New-Slug", "properties": {"max_length": 10}, "metadata": {"v": 2}}
                    """).patch("/v1/custom-fields/" + id).then().statusCode(200)
                    .body("id", equalTo(id))
                    .body("name", equalTo("New"))
                    .body("slug", equalTo("new-slug"))
                    .body("properties", aMapWithSize(1))
                    .body("properties.max_length", equalTo(10))
                    .body("metadata.v", equalTo(2))
                    .body("modified_at", matchesPattern(TIMESTAMP));
            as(tenant).get("/v1/custom-fields/" + id).then().statusCode(200)
                    .body("slug", equalTo("new-slug"))
                    .body("properties.max_length", equalTo(10))
                    .body("modified_at", notNullValue());
        }

        @Test
        void absentAndNullFieldsAreLeftUnchanged() {
            String id = create(tenant, "number", "n", "Number", """
                    {"ge": 1}""");
            as(tenant).body("""
                    {"type": "number", "name": null, "slug": null, "properties": null}
                    """).patch("/v1/custom-fields/" + id).then().statusCode(200)
                    .body("name", equalTo("Number"))
                    .body("slug", equalTo("n"))
                    .body("properties.ge", equalTo(1));
        }

        @Test
        void keepingTheSameSlugIsNotADuplicate() {
            String id = createText(tenant, "same");
            as(tenant).body("""
                    {"type": "text", "slug": "same"}
                    """).patch("/v1/custom-fields/" + id).then().statusCode(200).body("slug", equalTo("same"));
        }

        @Test
        void changingTheTypeIs422() {
            String id = createText(tenant, "typed");
            problem(as(tenant).body("""
                    {"type": "number"}
                    """).patch("/v1/custom-fields/" + id).then(),
                    "PolarRequestValidationError", "value_error", List.of("body", "type"), "The type of a custom field can't be changed.");
        }

        @Test
        void missingTypeIs422() {
            String id = createText(tenant, "typed");
            shapeProblem(as(tenant).body("""
                    {"name": "X"}
                    """).patch("/v1/custom-fields/" + id).then(),
                    "union_tag_not_found", List.of("body"), "Unable to extract tag using discriminator 'type'");
        }

        @Test
        void slugOfAnotherFieldIs422() {
            createText(tenant, "taken");
            String id = createText(tenant, "mine");
            problem(as(tenant).body("""
                    {"type": "text", "slug": "taken"}
                    """).patch("/v1/custom-fields/" + id).then(),
                    "PolarRequestValidationError", "value_error", List.of("body", "slug"), "Custom field with this slug already exists.");
        }

        @Test
        void invalidPropertiesAre422AndChangeNothing() {
            String id = create(tenant, "number", "n", "N", """
                    {"ge": 1, "le": 5}""");
            shapeProblem(as(tenant).body("""
                    {"type": "number", "name": "Changed", "properties": {"ge": 9, "le": 2}}
                    """).patch("/v1/custom-fields/" + id).then(),
                    "value_error", List.of("body", "number", "properties", "le"),
                    "Value error, Greater than or equal (ge) must be less than or equal to Less than or equal (le)");
            as(tenant).get("/v1/custom-fields/" + id).then().statusCode(200)
                    .body("name", equalTo("N"))
                    .body("properties.le", equalTo(5))
                    .body("modified_at", nullValue());
        }

        @Test
        void emptyNameIs422() {
            String id = createText(tenant, "named");
            shapeProblem(as(tenant).body("""
                    {"type": "text", "name": ""}
                    """).patch("/v1/custom-fields/" + id).then(),
                    "string_too_short", List.of("body", "text", "name"), "String should have at least 1 character");
        }

        @Test
        void anotherOrganizationsFieldIs404() {
            String id = createText(data.tenant(), "theirs");
            as(tenant).body("""
                    {"type": "text", "name": "Mine now"}
                    """).patch("/v1/custom-fields/" + id).then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void deletedFieldIs404() {
            String id = createText(tenant, "gone");
            as(tenant).delete("/v1/custom-fields/" + id).then().statusCode(204);
            as(tenant).body("""
                    {"type": "text", "name": "Back"}
                    """).patch("/v1/custom-fields/" + id).then().statusCode(404);
        }

        @Test
        void nonUuidIdIs422() {
            as(tenant).body("""
                    {"type": "text"}
                    """).patch("/v1/custom-fields/123").then().statusCode(422)
                    .body("detail[0].loc", equalTo(List.of("path", "id")));
        }

        @Test
        void readScopeIsNotEnough() {
            String id = createText(tenant, "ro");
            Tenant reader = data.withScopes(tenant, Set.of(Scope.CUSTOM_FIELDS_READ));
            as(reader).body("""
                    {"type": "text", "name": "X"}
                    """).patch("/v1/custom-fields/" + id).then().statusCode(403).body("error", equalTo("insufficient_scope"));
        }
    }

    @Nested
    class Delete {

        @Test
        void deletesSoftlyThenGetIs404() {
            String id = createText(tenant, "bye");
            as(tenant).delete("/v1/custom-fields/" + id).then().statusCode(204);
            as(tenant).get("/v1/custom-fields/" + id).then().statusCode(404);
        }

        @Test
        void deletingTwiceIs404() {
            String id = createText(tenant, "bye");
            as(tenant).delete("/v1/custom-fields/" + id).then().statusCode(204);
            as(tenant).delete("/v1/custom-fields/" + id).then().statusCode(404).body("error", equalTo("ResourceNotFound"));
        }

        @Test
        void anotherOrganizationsFieldIs404AndSurvives() {
            Tenant other = data.tenant();
            String id = createText(other, "theirs");
            as(tenant).delete("/v1/custom-fields/" + id).then().statusCode(404);
            as(other).get("/v1/custom-fields/" + id).then().statusCode(200);
        }

        @Test
        void nonUuidIdIs422() {
            as(tenant).delete("/v1/custom-fields/not-an-id").then().statusCode(422)
                    .body("detail[0].type", equalTo("uuid_parsing"))
                    .body("detail[0].loc", equalTo(List.of("path", "id")));
        }
    }

    @Nested
    class Authentication {

        @Test
        void listWithoutTokenIs401() {
            anonymous().get("/v1/custom-fields/").then().statusCode(401).body("error", equalTo("Unauthorized"));
        }

        @Test
        void createWithoutTokenIs401() {
            anonymous().body("{\"type\": \"text\"}").post("/v1/custom-fields/").then().statusCode(401);
        }

        @Test
        void listWithoutCustomFieldScopeIs403() {
            Tenant products = data.tenant(Set.of(Scope.PRODUCTS_READ));
            as(products).get("/v1/custom-fields/").then().statusCode(403).body("error", equalTo("insufficient_scope"));
        }

        @Test
        void createWithReadScopeIs403() {
            Tenant reader = data.tenant(Set.of(Scope.CUSTOM_FIELDS_READ));
            post(reader, """
                    {"type": "text", "slug": "a", "name": "A", "properties": {}}
                    """).statusCode(403);
        }

        @Test
        void deleteWithoutCustomFieldScopeIs403() {
            String id = createText(tenant, "kept");
            Tenant products = data.withScopes(tenant, Set.of(Scope.PRODUCTS_READ));
            as(products).delete("/v1/custom-fields/" + id).then().statusCode(403);
            as(tenant).get("/v1/custom-fields/" + id).then().statusCode(200);
        }
    }
}
