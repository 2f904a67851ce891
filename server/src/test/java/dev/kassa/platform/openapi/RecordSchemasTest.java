package dev.kassa.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.models.media.Schema;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/** The document's response schemas are derived from the records Jackson writes. */
class RecordSchemasTest {

    record Base(UUID id, @Nullable Instant modifiedAt) {
    }

    @io.swagger.v3.oas.annotations.media.Schema(description = "A thing.")
    record Thing(@JsonUnwrapped Base base, String displayName, @JsonInclude(JsonInclude.Include.NON_NULL) Integer rank,
            List<Part> parts, Map<String, Long> amounts, @SchemaName("OrderStatus") String status) {
    }

    sealed interface Part permits Small, Large {
    }

    record Small(@Constant("small") String size, int weight) implements Part {
    }

    record Large(@Constant("large") String size, long volume) implements Part {
    }

    @SchemaName("Thing")
    record Impostor(String name) {
    }

    record Holder(Thing thing, Impostor other) {
    }

    @Test
    void aRecordIsAnObjectWithItsComponentsInSnakeCaseUnwrappedPartsInlined() {
        Schema<?> thing = RecordSchemas.of(List.of(Thing.class)).get("Thing");

        assertThat(thing.getProperties().keySet())
                .containsExactly("id", "modified_at", "display_name", "rank", "parts", "amounts", "status");
        assertThat(thing.getDescription()).isEqualTo("A thing.");
    }

    @Test
    void everyPropertyIsRequiredButThoseLeftOutWhenNull() {
        Schema<?> thing = RecordSchemas.of(List.of(Thing.class)).get("Thing");

        assertThat(thing.getRequired()).containsExactlyInAnyOrder("id", "modified_at", "display_name", "parts", "amounts", "status");
    }

    @Test
    void aNullableComponentAlsoAdmitsNull() {
        Schema<?> thing = RecordSchemas.of(List.of(Thing.class)).get("Thing");

        Schema<?> modifiedAt = thing.getProperties().get("modified_at");
        assertThat(modifiedAt.getAnyOf()).hasSize(2);
        assertThat(modifiedAt.getAnyOf().get(0).getFormat()).isEqualTo("date-time");
        assertThat(modifiedAt.getAnyOf().get(1).getTypes()).containsExactly("null");
        assertThat(thing.getProperties().get("id").getFormat()).isEqualTo("uuid");
    }

    @Test
    void aSealedInterfaceIsTheOneOfItsRecordsToldApartByTheirConstant() {
        Map<String, Schema<?>> schemas = RecordSchemas.of(List.of(Thing.class));

        Schema<?> part = schemas.get("Part");
        assertThat(part.getOneOf()).extracting(Schema::get$ref)
                .containsExactly("#/components/schemas/Small", "#/components/schemas/Large");
        assertThat(part.getDiscriminator().getPropertyName()).isEqualTo("size");
        assertThat(part.getDiscriminator().getMapping())
                .containsEntry("small", "#/components/schemas/Small").containsEntry("large", "#/components/schemas/Large");
        assertThat(schemas.get("Small").getProperties().get("size").getConst()).isEqualTo("small");
    }

    @Test
    void aNamedStringRefersToThatSchema() {
        Schema<?> thing = RecordSchemas.of(List.of(Thing.class)).get("Thing");

        assertThat(thing.getProperties().get("status").get$ref()).isEqualTo("#/components/schemas/OrderStatus");
        assertThat(thing.getProperties().get("amounts").getAdditionalProperties()).isInstanceOf(Schema.class);
    }

    @Test
    void twoTypesUnderOneNameAreRefused() {
        assertThatThrownBy(() -> RecordSchemas.of(List.of(Holder.class)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Two response types are both named Thing");
    }

    @Test
    void anErrorIsNamedAfterItsClass() {
        Schema<?> error = RecordSchemas.errors(List.of(dev.kassa.checkout.CheckoutLocked.class)).get("CheckoutLocked");

        assertThat(error.getProperties().get("error").getConst()).isEqualTo("CheckoutLocked");
        assertThat(error.getRequired()).containsExactlyInAnyOrder("error", "detail");
    }
}
