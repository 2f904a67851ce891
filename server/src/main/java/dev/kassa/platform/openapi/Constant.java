package dev.kassa.platform.openapi;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * A record component that always carries this one value (Polar's {@code Literal[...]}), such as a union member's
 * discriminator. The record's factory sets the value; the document states it as {@code const}. On a record, it
 * pins {@link #property()}, which one of its unwrapped parts declares more broadly (a confirmed checkout's
 * {@code status}).
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.TYPE})
public @interface Constant {

    String value();

    /** On a record only: the property it pins. */
    String property() default "";
}
