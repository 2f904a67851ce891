package dev.kassa.customfield;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** Polar's CustomFieldType, in Polar's declaration order (which its error messages list). */
public enum CustomFieldType {
    TEXT("text"),
    NUMBER("number"),
    DATE("date"),
    CHECKBOX("checkbox"),
    SELECT("select");

    public static final List<String> WIRE_NAMES = Arrays.stream(values()).map(CustomFieldType::wireName).toList();

    private final String wireName;

    CustomFieldType(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }

    public static Optional<CustomFieldType> fromWireName(String name) {
        return Arrays.stream(values()).filter(t -> t.wireName.equals(name)).findFirst();
    }
}
