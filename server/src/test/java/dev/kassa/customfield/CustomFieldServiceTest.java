package dev.kassa.customfield;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kassa.platform.json.Json;
import dev.kassa.support.ApiTest;
import dev.kassa.support.TestData.Tenant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The API other domains call: products embed these fields, checkouts validate data against them. */
class CustomFieldServiceTest extends ApiTest {

    @Autowired
    CustomFieldService service;

    @Autowired
    JsonMapper mapper;

    private UUID create(Tenant tenant, String body) {
        String id = as(tenant).body(body).post("/v1/custom-fields/").then().statusCode(201).extract().path("id");
        return UUID.fromString(id);
    }

    @Test
    void findByIdsReturnsOnlyTheOrganizationsLiveFields() {
        Tenant tenant = data.tenant();
        Tenant other = data.tenant();
        UUID kept = create(tenant, """
                {"type": "select", "slug": "size", "name": "Size", "properties": {"options": [{"value": "s", "label": "S"}]}}""");
        UUID deleted = create(tenant, """
                {"type": "text", "slug": "gone", "name": "Gone", "properties": {}}""");
        as(tenant).delete("/v1/custom-fields/" + deleted).then().statusCode(204);
        UUID foreign = create(other, """
                {"type": "text", "slug": "theirs", "name": "Theirs", "properties": {}}""");

        Map<UUID, CustomField> found = service.findByIds(tenant.organizationId(), List.of(kept, deleted, foreign, UUID.randomUUID()));

        assertThat(found).containsOnlyKeys(kept);
        CustomField field = found.get(kept);
        assertThat(field.id()).isEqualTo(kept);
        assertThat(field.slug()).isEqualTo("size");
        assertThat(field.type()).isEqualTo("select");
        assertThat(field).isInstanceOf(CustomField.Select.class);
    }

    @Test
    void findByIdsWithNoIdsIsEmpty() {
        assertThat(service.findByIds(data.tenant().organizationId(), List.of())).isEmpty();
    }

    @Test
    void serializesToPolarsShapeWithEitherMapper() {
        Tenant tenant = data.tenant();
        UUID id = create(tenant, """
                {"type": "number", "slug": "seats", "name": "Seats", "properties": {"ge": 1}, "metadata": {"a": true}}""");
        CustomField field = service.findByIds(tenant.organizationId(), List.of(id)).get(id);

        for (JsonNode json : List.of(mapper.valueToTree(field), Json.readTree(Json.write(field)))) {
            assertThat(json.propertyNames()).containsExactly(
                    "created_at", "modified_at", "id", "metadata", "type", "slug", "name", "organization_id", "properties");
            assertThat(json.get("type").stringValue()).isEqualTo("number");
            assertThat(json.get("modified_at").isNull()).isTrue();
            assertThat(json.get("organization_id").stringValue()).isEqualTo(tenant.organizationId().toString());
            assertThat(json.get("metadata").get("a").booleanValue()).isTrue();
            assertThat(json.get("properties").propertyNames()).containsExactly("ge");
        }
    }
}
