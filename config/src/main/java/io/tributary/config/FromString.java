package io.tributary.config;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code public static T name(String)} factory through which the {@link Binder} builds a
 * {@code T} from a YAML scalar: a type parsed from text with checks of its own (an OTTL condition,
 * say). The factory's {@link IllegalArgumentException} becomes a config error at the scalar's key
 * path and line. A record with such a factory still binds from a map; any other type needs a scalar.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface FromString {
}
