package io.tributary.config;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What the {@link Binder} needs to know about a config record type, computed once per type. */
final class RecordModel {
    private static final ClassValue<RecordModel> MODELS = new ClassValue<>() {
        @Override
        protected RecordModel computeValue(Class<?> type) {
            return new RecordModel(type);
        }
    };

    /**
     * One record component and the YAML key it binds; a {@link Squash}ed one binds no key of its
     * own (its key is then only its name), its record's keys standing at the parent's level.
     */
    record Component(int index, String key, Type type, Method accessor, boolean squashed) {
        RecordModel embedded() {
            return of((Class<?>) type);
        }
    }

    private final List<Component> components = new ArrayList<>();
    /** The keys bound by this record's own (not squashed) components. */
    private final Map<String, Component> byKey = new LinkedHashMap<>();
    private final Constructor<?> constructor;
    private final Object defaultValue;

    private RecordModel(Class<?> type) {
        RecordComponent[] declared = type.getRecordComponents();
        Class<?>[] parameterTypes = new Class<?>[declared.length];
        for (int i = 0; i < declared.length; i++) {
            RecordComponent component = declared[i];
            Key key = component.getAnnotation(Key.class);
            Method accessor = component.getAccessor();
            // Config records are usually package-private in their component's package.
            accessor.setAccessible(true);
            String name = key != null ? key.value() : snakeCase(component.getName());
            boolean squashed = component.isAnnotationPresent(Squash.class);
            if (squashed && !component.getType().isRecord()) {
                throw new IllegalStateException("@Squash on a component that is not a record: " + type.getName() + "." + component.getName());
            }
            Component model = new Component(i, name, component.getGenericType(), accessor, squashed);
            components.add(model);
            if (!squashed) {
                byKey.put(name, model);
            }
            parameterTypes[i] = component.getType();
        }
        try {
            constructor = type.getDeclaredConstructor(parameterTypes);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException("record without a canonical constructor: " + type.getName(), e);
        }
        constructor.setAccessible(true);
        defaultValue = defaultField(type);
    }

    static RecordModel of(Class<?> type) {
        return MODELS.get(type);
    }

    /** The type's {@code public static final DEFAULT}, or null when it has none. */
    Object defaultValue() {
        return defaultValue;
    }

    /** Null for a key the record's own components do not bind (it may still be an embedded record's). */
    Component component(String key) {
        return byKey.get(key);
    }

    /** Every key the record binds, its embedded records' in their place, in declaration order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        for (Component component : components) {
            if (component.squashed()) {
                keys.addAll(component.embedded().keys());
            } else {
                keys.add(component.key());
            }
        }
        return keys;
    }

    int size() {
        return components.size();
    }

    Object read(Component component, Object instance) {
        try {
            return component.accessor().invoke(instance);
        } catch (IllegalAccessException | InvocationTargetException e) {
            throw new IllegalStateException("cannot read " + component.key() + " of " + instance, e);
        }
    }

    /** Every component, squashed ones included, in declaration order. */
    List<Component> components() {
        return components;
    }

    /** @throws IllegalArgumentException when the record's constructor rejects the values */
    Object construct(Object[] values) {
        try {
            return constructor.newInstance(values);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code maxRecvMsgSizeMib} → {@code max_recv_msg_size_mib}; {@code tlsCAFile} → {@code tls_ca_file}. */
    static String snakeCase(String camel) {
        StringBuilder out = new StringBuilder(camel.length() + 4);
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            if (Character.isUpperCase(c) && i > 0) {
                char previous = camel.charAt(i - 1);
                boolean endsAcronym = i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1));
                if (!Character.isUpperCase(previous) || endsAcronym) {
                    out.append('_');
                }
            }
            out.append(Character.toLowerCase(c));
        }
        return out.toString();
    }

    private static Object defaultField(Class<?> type) {
        try {
            Field field = type.getDeclaredField("DEFAULT");
            int modifiers = field.getModifiers();
            if (!Modifier.isStatic(modifiers) || !Modifier.isFinal(modifiers) || field.getType() != type) {
                return null;
            }
            field.setAccessible(true);
            return field.get(null);
        } catch (NoSuchFieldException e) {
            return null;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
