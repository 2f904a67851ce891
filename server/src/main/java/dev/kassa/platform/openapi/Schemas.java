package dev.kassa.platform.openapi;

import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A small vocabulary for JSON Schema 2020-12 (OpenAPI 3.1) schemas, written the way pydantic writes Polar's. */
final class Schemas {

    static final String COMPONENTS = "#/components/schemas/";

    private Schemas() {
    }

    static Schema<Object> ref(String name) {
        return new JsonSchema().$ref(COMPONENTS + name);
    }

    static Schema<Object> typed(String type) {
        Schema<Object> schema = new JsonSchema();
        schema.addType(type);
        return schema;
    }

    static Schema<Object> string() {
        return typed("string");
    }

    static Schema<Object> string(int minLength, Integer maxLength) {
        return string().minLength(minLength).maxLength(maxLength);
    }

    static Schema<Object> integer() {
        return typed("integer");
    }

    static Schema<Object> integer(long minimum, Long maximum) {
        Schema<Object> schema = integer().minimum(java.math.BigDecimal.valueOf(minimum));
        return maximum == null ? schema : schema.maximum(java.math.BigDecimal.valueOf(maximum));
    }

    static Schema<Object> bool() {
        return typed("boolean");
    }

    static Schema<Object> uuid() {
        return string().format("uuid");
    }

    static Schema<Object> dateTime() {
        return string().format("date-time");
    }

    static Schema<Object> array(Schema<?> items) {
        return typed("array").items(items);
    }

    static Schema<Object> map(Schema<?> values) {
        return typed("object").additionalProperties(values);
    }

    static Schema<Object> constant(String value) {
        Schema<Object> schema = string();
        schema._const(value);
        return schema;
    }

    static Schema<Object> oneOfStrings(String... values) {
        Schema<Object> schema = string();
        schema.setEnum(new ArrayList<>(Arrays.asList(values)));
        return schema;
    }

    static Schema<Object> anything() {
        return new JsonSchema();
    }

    /** pydantic's {@code X | None}: {@code anyOf [X, {type: null}]}. */
    static Schema<Object> nullable(Schema<?> schema) {
        return new JsonSchema().anyOf(List.of(schema, typed("null")));
    }

    static Schema<Object> anyOf(Schema<?>... schemas) {
        return new JsonSchema().anyOf(List.of(schemas));
    }

    /** A union of component schemas, told apart by one property whose values name the members. */
    static Schema<Object> union(String property, Map<String, String> memberByValue) {
        Map<String, String> mapping = new LinkedHashMap<>();
        memberByValue.forEach((value, member) -> mapping.put(value, COMPONENTS + member));
        return new JsonSchema().oneOf(memberByValue.values().stream().<Schema>map(Schemas::ref).toList())
                .discriminator(new Discriminator().propertyName(property).mapping(mapping));
    }

    /** A union of component schemas without a single discriminating property. */
    static Schema<Object> union(String... members) {
        return new JsonSchema().oneOf(Arrays.stream(members).<Schema>map(Schemas::ref).toList());
    }

    static ObjectBuilder object(String title) {
        return new ObjectBuilder(title);
    }

    /** An object schema built property by property, in wire order. */
    static final class ObjectBuilder {

        private final Schema<Object> schema;

        private ObjectBuilder(String title) {
            schema = typed("object").title(title);
        }

        ObjectBuilder required(String name, Schema<?> property) {
            schema.addProperty(name, property);
            schema.addRequiredItem(name);
            return this;
        }

        ObjectBuilder optional(String name, Schema<?> property) {
            schema.addProperty(name, property);
            return this;
        }

        /** At least one of these properties must be present. */
        ObjectBuilder requireOneOf(String... names) {
            schema.anyOf(Arrays.stream(names).<Schema>map(name -> new JsonSchema().required(List.of(name))).toList());
            return this;
        }

        ObjectBuilder description(String description) {
            schema.description(description);
            return this;
        }

        Schema<Object> build() {
            return schema;
        }
    }
}
