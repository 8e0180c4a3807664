package io.tributary.processor.filtermatch;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.filterset.StringSet;
import java.util.ArrayList;
import java.util.List;

/**
 * The properties spans and log records are matched on alike (otelcol's filtermatcher):
 * {@code libraries} (each one must match the scope), {@code resources}, then the item's own
 * {@code attributes}, in that order.
 */
final class PropertiesMatcher {
    /** A scope name and, when configured, version. */
    private record LibraryMatcher(StringSet name, StringSet version) {
        boolean matches(InstrumentationScope scope) {
            return name.matches(scope.getName()) && (version == null || version.matches(scope.getVersion()));
        }
    }

    private final List<LibraryMatcher> libraries = new ArrayList<>();
    private final AttributesMatcher resources;
    private final AttributesMatcher attributes;

    /** @throws IllegalArgumentException for a regexp that does not compile or a non-string regexp attribute value */
    PropertiesMatcher(MatchProperties properties) {
        MatchType type = properties.matchType();
        for (MatchProperties.Library library : properties.libraries()) {
            libraries.add(new LibraryMatcher(StringSet.of(List.of(library.name()), type),
                    library.version() == null ? null : StringSet.of(List.of(library.version()), type)));
        }
        resources = AttributesMatcher.of(properties.resources(), type);
        attributes = AttributesMatcher.of(properties.attributes(), type);
    }

    boolean matches(List<KeyValue> itemAttributes, Resource resource, InstrumentationScope scope) {
        for (LibraryMatcher library : libraries) {
            if (!library.matches(scope)) {
                return false;
            }
        }
        return resources.matches(resource.getAttributesList()) && attributes.matches(itemAttributes);
    }

    /** A name set of the section's match type, or null when no names are given (the property is then not checked). */
    static StringSet names(List<String> names, MatchType type) {
        return names.isEmpty() ? null : StringSet.of(names, type);
    }
}
