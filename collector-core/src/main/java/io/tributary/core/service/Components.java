package io.tributary.core.service;

import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.ConnectorFactory;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.component.ExtensionFactory;
import io.tributary.core.component.Kind;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.ReceiverFactory;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/** The registry of component factories, by kind and type name (aliases included). */
public final class Components {
    private final Map<Kind, Map<String, ComponentFactory<?>>> byName = new EnumMap<>(Kind.class);
    private final Map<Kind, List<ComponentFactory<?>>> byKind = new EnumMap<>(Kind.class);

    private Components(List<ComponentFactory<?>> factories) {
        for (Kind kind : Kind.values()) {
            byName.put(kind, new HashMap<>());
            byKind.put(kind, new ArrayList<>());
        }
        for (ComponentFactory<?> factory : factories) {
            Map<String, ComponentFactory<?>> names = byName.get(factory.kind());
            register(names, factory.type(), factory);
            factory.aliases().forEach(alias -> register(names, alias, factory));
            byKind.get(factory.kind()).add(factory);
        }
        byKind.values().forEach(list -> list.sort(Comparator.comparing(ComponentFactory::type)));
    }

    private static void register(Map<String, ComponentFactory<?>> names, String name, ComponentFactory<?> factory) {
        ComponentFactory<?> previous = names.putIfAbsent(name, factory);
        if (previous != null) {
            throw new IllegalStateException("two " + factory.kind().section() + " factories claim the type '" + name
                    + "': " + previous.getClass().getName() + " and " + factory.getClass().getName());
        }
    }

    /** Every factory on the class path, found with {@link java.util.ServiceLoader}. */
    public static Components discover() {
        List<ComponentFactory<?>> factories = new ArrayList<>();
        ServiceLoader.load(ReceiverFactory.class).forEach(factories::add);
        ServiceLoader.load(ProcessorFactory.class).forEach(factories::add);
        ServiceLoader.load(ExporterFactory.class).forEach(factories::add);
        ServiceLoader.load(ConnectorFactory.class).forEach(factories::add);
        ServiceLoader.load(ExtensionFactory.class).forEach(factories::add);
        return new Components(factories);
    }

    public static Components of(List<ComponentFactory<?>> factories) {
        return new Components(factories);
    }

    public Optional<ComponentFactory<?>> find(Kind kind, String type) {
        return Optional.ofNullable(byName.get(kind).get(type));
    }

    /** Factories of one kind, sorted by type. */
    public List<ComponentFactory<?>> of(Kind kind) {
        return List.copyOf(byKind.get(kind));
    }
}
