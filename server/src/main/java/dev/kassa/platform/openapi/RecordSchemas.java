package dev.kassa.platform.openapi;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.swagger.v3.oas.models.media.Discriminator;
import io.swagger.v3.oas.models.media.JsonSchema;
import io.swagger.v3.oas.models.media.Schema;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jspecify.annotations.Nullable;

/**
 * Derives component schemas from the response records, so that the document describes exactly what Jackson
 * writes: one property per record component, in order, named in snake case; every property is required unless
 * its component is left out when null ({@code @JsonInclude(NON_NULL)}); a {@link Nullable} component also
 * admits {@code null}; {@link JsonUnwrapped} components contribute their own properties; records and sealed
 * interfaces become components of their own ({@link SchemaName} or the simple name), a sealed interface as the
 * {@code oneOf} of its records, with a discriminator when they share a {@link Constant} property.
 */
final class RecordSchemas {

    private final Map<String, Schema<?>> schemas = new LinkedHashMap<>();
    private final Map<String, Class<?>> owners = new LinkedHashMap<>();

    private RecordSchemas() {
    }

    /** The schemas of {@code roots} and of every record they reach. */
    static Map<String, Schema<?>> of(List<Class<?>> roots) {
        RecordSchemas derived = new RecordSchemas();
        roots.forEach(derived::reference);
        return derived.schemas;
    }

    /**
     * Polar's error bodies: for each {@link dev.kassa.platform.web.ApiError} type, {@code {"error": <its name>,
     * "detail": <text>}}, the name being the class's simple name, which is also what it sends.
     */
    static Map<String, Schema<?>> errors(List<Class<? extends dev.kassa.platform.web.ApiError>> types) {
        Map<String, Schema<?>> errors = new LinkedHashMap<>();
        for (Class<? extends dev.kassa.platform.web.ApiError> type : types) {
            Schema<Object> schema = Schemas.typed("object");
            schema.addProperty("error", Schemas.constant(type.getSimpleName()));
            schema.addProperty("detail", Schemas.string());
            schema.setRequired(List.of("error", "detail"));
            schema.title(type.getSimpleName());
            io.swagger.v3.oas.annotations.media.Schema documented =
                    type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (documented != null && !documented.description().isEmpty()) {
                schema.description(documented.description());
            }
            errors.put(type.getSimpleName(), schema);
        }
        return errors;
    }

    static String nameOf(Class<?> type) {
        SchemaName name = type.getAnnotation(SchemaName.class);
        return name == null ? type.getSimpleName() : name.value();
    }

    /** A {@code $ref} to the type's component, deriving the component on first use. */
    private Schema<Object> reference(Class<?> type) {
        return reference(type, nameOf(type));
    }

    private Schema<Object> reference(Class<?> type, String name) {
        Class<?> owner = owners.putIfAbsent(name, type);
        if (owner != null && owner != type) {
            throw new IllegalStateException("Two response types are both named " + name + ": " + owner + " and " + type);
        }
        if (owner == null) {
            schemas.put(name, new JsonSchema()); // placeholder: records may refer to themselves
            Schema<?> schema = type.isRecord() ? object(type) : union(type);
            schema.title(name);
            io.swagger.v3.oas.annotations.media.Schema documented =
                    type.getAnnotation(io.swagger.v3.oas.annotations.media.Schema.class);
            if (documented != null && !documented.description().isEmpty()) {
                schema.description(documented.description());
            }
            schemas.put(name, schema);
        }
        return Schemas.ref(name);
    }

    private Schema<?> object(Class<?> record) {
        Schema<Object> schema = Schemas.typed("object");
        List<String> required = new ArrayList<>();
        addProperties(record, schema, required);
        Constant pinned = record.getAnnotation(Constant.class);
        if (pinned != null) {
            schema.getProperties().put(pinned.property(), Schemas.constant(pinned.value()));
        }
        schema.setRequired(required);
        return schema;
    }

    private void addProperties(Class<?> record, Schema<Object> schema, List<String> required) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (annotation(component, JsonUnwrapped.class) != null) {
                addProperties(component.getType(), schema, required);
                continue;
            }
            String property = propertyName(component);
            schema.addProperty(property, property(component));
            JsonInclude include = annotation(component, JsonInclude.class);
            boolean omittedWhenNull = include != null && include.value() != JsonInclude.Include.ALWAYS;
            if (!omittedWhenNull) {
                required.add(property);
            }
        }
    }

    private Schema<?> property(RecordComponent component) {
        Constant constant = component.getAnnotation(Constant.class);
        SchemaName named = component.getAnnotation(SchemaName.class);
        Schema<?> schema = constant != null ? Schemas.constant(constant.value())
                : named != null && component.getType().isRecord() ? reference(component.getType(), named.value())
                : named != null && named.value().contains("|") && component.getType().isSealed()
                        ? members(component.getType())
                : named != null ? named(named.value())
                : schema(component.getGenericType());
        Schema<?> property = component.getAnnotatedType().isAnnotationPresent(Nullable.class) ? Schemas.nullable(schema) : schema;
        io.swagger.v3.oas.annotations.media.Schema documented =
                annotation(component, io.swagger.v3.oas.annotations.media.Schema.class);
        if (documented != null && !documented.description().isEmpty()) {
            property.description(documented.description());
        }
        return property;
    }

    /** A sealed interface embedded as the {@code oneOf} of its records, with no component of its own. */
    private Schema<?> members(Class<?> sealed) {
        List<Schema> members = new ArrayList<>();
        for (Class<?> member : sealed.getPermittedSubclasses()) {
            members.add(reference(member));
        }
        return new JsonSchema().oneOf(members);
    }

    /** {@code "A"} is a reference; {@code "A | B"} is one of the named schemas. */
    private static Schema<?> named(String names) {
        if (!names.contains("|")) {
            return Schemas.ref(names);
        }
        return Schemas.union(java.util.Arrays.stream(names.split("\\|")).map(String::trim).toArray(String[]::new));
    }

    private Schema<?> schema(Type type) {
        if (type instanceof ParameterizedType parameterized) {
            Class<?> raw = (Class<?>) parameterized.getRawType();
            Type[] arguments = parameterized.getActualTypeArguments();
            if (Collection.class.isAssignableFrom(raw)) {
                return Schemas.array(schema(arguments[0]));
            }
            if (Map.class.isAssignableFrom(raw)) {
                return Schemas.map(schema(arguments[1]));
            }
            throw new IllegalArgumentException("No schema for " + type);
        }
        Class<?> raw = (Class<?>) (type instanceof Class<?> c ? c : Object.class);
        if (raw == String.class) {
            return Schemas.string();
        }
        if (raw == UUID.class) {
            return Schemas.uuid();
        }
        if (raw == Instant.class) {
            return Schemas.dateTime();
        }
        if (raw == long.class || raw == Long.class || raw == int.class || raw == Integer.class) {
            return Schemas.integer();
        }
        if (raw == boolean.class || raw == Boolean.class) {
            return Schemas.bool();
        }
        if (raw == Object.class) {
            return Schemas.anything();
        }
        if (raw.isRecord() || (raw.isInterface() && raw.isSealed())) {
            return reference(raw);
        }
        throw new IllegalArgumentException("No schema for " + type + ": use a record, a sealed interface or a JSON type");
    }

    /** A sealed interface: one of its records, told apart by the {@link Constant} property they all have. */
    private Schema<?> union(Class<?> sealed) {
        if (!sealed.isSealed()) {
            throw new IllegalArgumentException(sealed + " is neither a record nor a sealed interface");
        }
        List<Schema> members = new ArrayList<>();
        Map<String, String> mapping = new LinkedHashMap<>();
        String discriminator = null;
        boolean discriminated = true;
        for (Class<?> member : sealed.getPermittedSubclasses()) {
            members.add(reference(member));
            RecordComponent tag = member.isRecord() ? constantComponent(member) : null;
            if (tag == null || (discriminator != null && !discriminator.equals(propertyName(tag)))) {
                discriminated = false;
                continue;
            }
            discriminator = propertyName(tag);
            mapping.put(tag.getAnnotation(Constant.class).value(), Schemas.COMPONENTS + nameOf(member));
        }
        Schema<Object> union = new JsonSchema().oneOf(members);
        if (discriminated && discriminator != null && mapping.size() == members.size()) {
            union.discriminator(new Discriminator().propertyName(discriminator).mapping(mapping));
        }
        return union;
    }

    private static RecordComponent constantComponent(Class<?> record) {
        for (RecordComponent component : record.getRecordComponents()) {
            if (component.isAnnotationPresent(Constant.class)) {
                return component;
            }
        }
        return null;
    }

    /**
     * An annotation of the component, wherever Java put it: Jackson's and swagger's annotations do not target record
     * components, so the compiler moves them to the accessor and the field.
     */
    private static <A extends java.lang.annotation.Annotation> A annotation(RecordComponent component, Class<A> type) {
        A found = component.getAnnotation(type);
        if (found == null) {
            found = component.getAccessor().getAnnotation(type);
        }
        if (found == null) {
            try {
                found = component.getDeclaringRecord().getDeclaredField(component.getName()).getAnnotation(type);
            } catch (NoSuchFieldException e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    static String propertyName(RecordComponent component) {
        JsonProperty property = annotation(component, JsonProperty.class);
        if (property != null && !property.value().isEmpty()) {
            return property.value();
        }
        return snakeCase(component.getName());
    }

    /** Jackson's {@code SNAKE_CASE}, which the API's mapper uses. */
    static String snakeCase(String name) {
        StringBuilder snake = new StringBuilder(name.length() + 8);
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (Character.isUpperCase(c)) {
                if (i > 0 && snake.charAt(snake.length() - 1) != '_') {
                    snake.append('_');
                }
                snake.append(Character.toLowerCase(c));
            } else {
                snake.append(c);
            }
        }
        return snake.toString();
    }
}
