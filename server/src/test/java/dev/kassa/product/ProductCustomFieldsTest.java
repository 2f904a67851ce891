package dev.kassa.product;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Custom fields attached to products: {@code attached_custom_fields: [{custom_field_id, required}]}, in order. */
class ProductCustomFieldsTest extends ApiTest {

    private Tenant tenant;

    @BeforeEach
    void newTenant() {
        tenant = data.tenant();
    }

    private String customField(Tenant owner, String slug) {
        return as(owner).body(Map.of("type", "text", "slug", slug, "name", "Field " + slug, "properties", Map.of()))
                .post("/v1/custom-fields/").then().statusCode(201).extract().path("id");
    }

    private Map<String, Object> productWith(List<Map<String, Object>> attached) {
        return Map.of("name", "With fields", "attached_custom_fields", attached,
                "prices", List.of(Map.of("amount_type", "fixed", "price_amount", 1000)));
    }

    @Test
    void attachesFieldsInOrderWithTheirRequiredFlag() {
        String company = customField(tenant, "company");
        String vat = customField(tenant, "vat");

        as(tenant).body(productWith(List.of(
                        Map.of("custom_field_id", vat, "required", true),
                        Map.of("custom_field_id", company, "required", false))))
                .post("/v1/products/").then()
                .statusCode(201)
                .body("attached_custom_fields", hasSize(2))
                .body("attached_custom_fields.custom_field_id", contains(vat, company))
                .body("attached_custom_fields.order", contains(0, 1))
                .body("attached_custom_fields.required", contains(true, false))
                .body("attached_custom_fields[0].custom_field.slug", equalTo("vat"))
                .body("attached_custom_fields[0].custom_field.type", equalTo("text"));
    }

    @Test
    void unknownCustomFieldIsRejected() {
        as(tenant).body(productWith(List.of(Map.of("custom_field_id", UUID.randomUUID().toString(), "required", true))))
                .post("/v1/products/").then()
                .statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "attached_custom_fields", 0)))
                .body("detail[0].msg", equalTo("Custom field does not exist."));
    }

    @Test
    void anotherOrganizationsCustomFieldIsRejected() {
        String foreign = customField(data.tenant(), "foreign");

        as(tenant).body(productWith(List.of(Map.of("custom_field_id", foreign, "required", true))))
                .post("/v1/products/").then()
                .statusCode(422)
                .body("detail[0].msg", equalTo("Custom field does not exist."));
    }

    @Test
    void requiredFlagIsRequired() {
        as(tenant).body(productWith(List.of(Map.of("custom_field_id", customField(tenant, "flagless")))))
                .post("/v1/products/").then()
                .statusCode(422)
                .body("detail[0].loc", equalTo(List.of("body", "attached_custom_fields", 0, "required")))
                .body("detail[0].type", equalTo("missing"));
    }

    @Test
    void updateReplacesTheAttachedFields() {
        String first = customField(tenant, "first");
        String second = customField(tenant, "second");
        String product = as(tenant).body(productWith(List.of(Map.of("custom_field_id", first, "required", true))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");

        as(tenant).body(Map.of("attached_custom_fields", List.of(Map.of("custom_field_id", second, "required", false))))
                .patch("/v1/products/" + product).then()
                .statusCode(200)
                .body("attached_custom_fields.custom_field_id", contains(second));
    }

    @Test
    void updateWithEmptyListDetachesEverything() {
        String field = customField(tenant, "gone");
        String product = as(tenant).body(productWith(List.of(Map.of("custom_field_id", field, "required", true))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");

        as(tenant).body(Map.of("attached_custom_fields", List.of())).patch("/v1/products/" + product).then()
                .statusCode(200).body("attached_custom_fields", empty());
    }

    @Test
    void deletedCustomFieldDisappearsFromTheProduct() {
        String field = customField(tenant, "temporary");
        String product = as(tenant).body(productWith(List.of(Map.of("custom_field_id", field, "required", true))))
                .post("/v1/products/").then().statusCode(201).extract().path("id");

        as(tenant).delete("/v1/custom-fields/" + field).then().statusCode(204);

        as(tenant).get("/v1/products/" + product).then().statusCode(200).body("attached_custom_fields", empty());
    }
}
