package io.tributary.processor.filterspan;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.filterset.StringSet;
import java.util.ArrayList;
import java.util.List;

/**
 * otelcol's legacy span matching (filterspan with filtermatcher): a span is selected when it
 * matches {@code include} (or there is none) and does not match {@code exclude}. Patterns are
 * compiled once, here.
 */
public final class SpanMatcher {
    /** What otelcol compares {@code services} with when a resource has no {@code service.name}. */
    private static final String NO_SERVICE_NAME = "<nil-service-name>";

    private final Properties include;
    private final Properties exclude;

    private SpanMatcher(Properties include, Properties exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * @param include null when absent
     * @param exclude null when absent
     * @throws IllegalArgumentException for a regexp that does not compile, or a regexp attribute
     *                                  value that is not a string (as otelcol refuses them at start)
     */
    public static SpanMatcher of(MatchProperties include, MatchProperties exclude) {
        return new SpanMatcher(
                include == null ? null : compile("include", include),
                exclude == null ? null : compile("exclude", exclude));
    }

    private static Properties compile(String section, MatchProperties properties) {
        try {
            return new Properties(properties);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(section + ": " + e.getMessage(), e);
        }
    }

    /** True when the span passes {@code include} and {@code exclude}: the span to act on, or to keep. */
    public boolean selects(Resource resource, InstrumentationScope scope, Span span) {
        return (include == null || include.matches(resource, scope, span))
                && (exclude == null || !exclude.matches(resource, scope, span));
    }

    /** A scope name and, when configured, version. */
    private record LibraryMatcher(StringSet name, StringSet version) {
        boolean matches(InstrumentationScope scope) {
            return name.matches(scope.getName()) && (version == null || version.matches(scope.getVersion()));
        }
    }

    /** One compiled match section; a property absent from it matches every span. */
    private static final class Properties {
        private final StringSet services;
        private final StringSet spanNames;
        private final StringSet spanKinds;
        private final List<LibraryMatcher> libraries;
        private final AttributesMatcher attributes;
        private final AttributesMatcher resources;

        Properties(MatchProperties properties) {
            MatchType type = properties.matchType();
            services = properties.services().isEmpty() ? null : StringSet.of(properties.services(), type);
            spanNames = properties.spanNames().isEmpty() ? null : StringSet.of(properties.spanNames(), type);
            spanKinds = properties.spanKinds().isEmpty() ? null : StringSet.of(properties.spanKinds(), type);
            libraries = new ArrayList<>();
            for (MatchProperties.Library library : properties.libraries()) {
                libraries.add(new LibraryMatcher(
                        StringSet.of(List.of(library.name()), type),
                        library.version() == null ? null : StringSet.of(List.of(library.version()), type)));
            }
            attributes = AttributesMatcher.of(properties.attributes(), type);
            resources = AttributesMatcher.of(properties.resources(), type);
        }

        /** In otelcol's order: service, name, kind, libraries (each one must match), resource, span attributes. */
        boolean matches(Resource resource, InstrumentationScope scope, Span span) {
            if (services != null && !services.matches(serviceName(resource))) {
                return false;
            }
            if (spanNames != null && !spanNames.matches(span.getName())) {
                return false;
            }
            if (spanKinds != null && !spanKinds.matches(kindName(span))) {
                return false;
            }
            for (LibraryMatcher library : libraries) {
                if (!library.matches(scope)) {
                    return false;
                }
            }
            return resources.matches(resource.getAttributesList()) && attributes.matches(span.getAttributesList());
        }

        private static String serviceName(Resource resource) {
            AnyValue name = AttributeValues.get(resource.getAttributesList(), "service.name");
            return name == null ? NO_SERVICE_NAME : AttributeValues.asString(name);
        }

        /** otelcol's {@code traceutil.SpanKindStr}: the proto enum name, "" for an unknown number. */
        private static String kindName(Span span) {
            return span.getKind() == Span.SpanKind.UNRECOGNIZED ? "" : span.getKind().name();
        }
    }
}
