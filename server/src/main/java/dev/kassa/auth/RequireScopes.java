package dev.kassa.auth;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The endpoint needs an organization access token holding at least one of these scopes (Polar lets a
 * {@code :write} scope read too, so read endpoints list both).
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
public @interface RequireScopes {
    Scope[] value();
}
