package dev.kassa.platform.web;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code JsonNode} parameter as the request body, read whatever the content type (as Polar does),
 * limited to {@link JsonBodyResolver#MAX_BODY_BYTES}, with parse errors reported as pydantic's json_invalid.
 */
@Target(ElementType.PARAMETER)
@Retention(RetentionPolicy.RUNTIME)
public @interface JsonBody {
}
