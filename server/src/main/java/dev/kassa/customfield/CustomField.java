package dev.kassa.customfield;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A custom field, one record per type, serialized exactly as Polar's {@code CustomField} union. Names are
 * explicit so the JSON is the same whatever mapper writes it (the API's, or {@code Json} for JSONB).
 * Optional properties are omitted when absent: the SDK's schemas take a missing key, never a null.
 */
@JsonPropertyOrder({"created_at", "modified_at", "id", "metadata", "type", "slug", "name", "organization_id", "properties"})
public sealed interface CustomField permits CustomField.Text, CustomField.Number, CustomField.Date,
        CustomField.Checkbox, CustomField.Select {

    @JsonProperty("created_at")
    Instant createdAt();

    @JsonProperty("modified_at")
    Instant modifiedAt();

    @JsonProperty("id")
    UUID id();

    @JsonProperty("metadata")
    Map<String, Object> metadata();

    /** The wire name: text, number, date, checkbox or select. */
    @JsonProperty("type")
    default String type() {
        return typeOf().wireName();
    }

    @JsonProperty("slug")
    String slug();

    @JsonProperty("name")
    String name();

    @JsonProperty("organization_id")
    UUID organizationId();

    @JsonProperty("properties")
    Properties properties();

    default CustomFieldType typeOf() {
        return switch (this) {
            case Text t -> CustomFieldType.TEXT;
            case Number n -> CustomFieldType.NUMBER;
            case Date d -> CustomFieldType.DATE;
            case Checkbox c -> CustomFieldType.CHECKBOX;
            case Select s -> CustomFieldType.SELECT;
        };
    }

    /** The same field with new values; the properties must be of this field's type. */
    default CustomField with(String slug, String name, Properties properties, Map<String, Object> metadata, Instant modifiedAt) {
        Common c = new Common(createdAt(), modifiedAt, id(), metadata, slug, name, organizationId());
        return of(c, properties);
    }

    static CustomField of(Common c, Properties properties) {
        return switch (properties) {
            case TextProperties p -> new Text(c.createdAt(), c.modifiedAt(), c.id(), c.metadata(), c.slug(), c.name(), c.organizationId(), p);
            case NumberProperties p -> new Number(c.createdAt(), c.modifiedAt(), c.id(), c.metadata(), c.slug(), c.name(), c.organizationId(), p);
            case DateProperties p -> new Date(c.createdAt(), c.modifiedAt(), c.id(), c.metadata(), c.slug(), c.name(), c.organizationId(), p);
            case CheckboxProperties p -> new Checkbox(c.createdAt(), c.modifiedAt(), c.id(), c.metadata(), c.slug(), c.name(), c.organizationId(), p);
            case SelectProperties p -> new Select(c.createdAt(), c.modifiedAt(), c.id(), c.metadata(), c.slug(), c.name(), c.organizationId(), p);
        };
    }

    /** The columns every type shares. */
    record Common(Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata, String slug, String name,
            UUID organizationId) {
    }

    record Text(Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata, String slug, String name,
            UUID organizationId, TextProperties properties) implements CustomField {
    }

    record Number(Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata, String slug, String name,
            UUID organizationId, NumberProperties properties) implements CustomField {
    }

    record Date(Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata, String slug, String name,
            UUID organizationId, DateProperties properties) implements CustomField {
    }

    record Checkbox(Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata, String slug, String name,
            UUID organizationId, CheckboxProperties properties) implements CustomField {
    }

    record Select(Instant createdAt, Instant modifiedAt, UUID id, Map<String, Object> metadata, String slug, String name,
            UUID organizationId, SelectProperties properties) implements CustomField {
    }

    /** Properties of one type; the form ones are common to all. */
    sealed interface Properties permits TextProperties, NumberProperties, DateProperties, CheckboxProperties, SelectProperties {
        @JsonProperty("form_label")
        String formLabel();

        @JsonProperty("form_help_text")
        String formHelpText();

        @JsonProperty("form_placeholder")
        String formPlaceholder();
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"form_label", "form_help_text", "form_placeholder", "textarea", "min_length", "max_length"})
    record TextProperties(
            @JsonProperty("form_label") String formLabel,
            @JsonProperty("form_help_text") String formHelpText,
            @JsonProperty("form_placeholder") String formPlaceholder,
            @JsonProperty("textarea") Boolean textarea,
            @JsonProperty("min_length") Integer minLength,
            @JsonProperty("max_length") Integer maxLength) implements Properties {
    }

    /** {@code ge}/{@code le}: inclusive integer bounds of the value. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"form_label", "form_help_text", "form_placeholder", "ge", "le"})
    record NumberProperties(
            @JsonProperty("form_label") String formLabel,
            @JsonProperty("form_help_text") String formHelpText,
            @JsonProperty("form_placeholder") String formPlaceholder,
            @JsonProperty("ge") Integer ge,
            @JsonProperty("le") Integer le) implements Properties {
    }

    /** {@code ge}/{@code le}: inclusive bounds as unix timestamps (seconds). */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"form_label", "form_help_text", "form_placeholder", "ge", "le"})
    record DateProperties(
            @JsonProperty("form_label") String formLabel,
            @JsonProperty("form_help_text") String formHelpText,
            @JsonProperty("form_placeholder") String formPlaceholder,
            @JsonProperty("ge") Integer ge,
            @JsonProperty("le") Integer le) implements Properties {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"form_label", "form_help_text", "form_placeholder"})
    record CheckboxProperties(
            @JsonProperty("form_label") String formLabel,
            @JsonProperty("form_help_text") String formHelpText,
            @JsonProperty("form_placeholder") String formPlaceholder) implements Properties {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    @JsonPropertyOrder({"form_label", "form_help_text", "form_placeholder", "options"})
    record SelectProperties(
            @JsonProperty("form_label") String formLabel,
            @JsonProperty("form_help_text") String formHelpText,
            @JsonProperty("form_placeholder") String formPlaceholder,
            @JsonProperty("options") List<Option> options) implements Properties {
        public SelectProperties {
            options = List.copyOf(options);
        }
    }

    @JsonPropertyOrder({"value", "label"})
    record Option(@JsonProperty("value") String value, @JsonProperty("label") String label) {
    }
}
