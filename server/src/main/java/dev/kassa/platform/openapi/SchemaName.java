package dev.kassa.platform.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a response record or sealed interface: its component name in the OpenAPI document, when it is not the
 * class's simple name. On a {@code String} record component: the named schema (an enum such as
 * {@code OrderStatus}, or {@code Address}) that describes its values; {@code "A | B"} means one of them. On a
 * component whose type is a record: the name under which that record is documented where this component embeds
 * it (Polar's {@code OrderCustomer} is a {@code Customer}). On a component whose type is a sealed interface:
 * {@code "A | B"}, its records' names, which the document lists in place, without a component for the union.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.TYPE, ElementType.RECORD_COMPONENT})
public @interface SchemaName {

    String value();
}
