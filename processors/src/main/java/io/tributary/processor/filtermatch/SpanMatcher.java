package io.tributary.processor.filtermatch;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.processor.filterset.StringSet;

/** One match section compiled for spans (otelcol's filterspan); a property absent from it matches every span. */
final class SpanMatcher implements ItemMatcher<Span> {
    /** What otelcol compares {@code services} with when a resource has no {@code service.name}. */
    private static final String NO_SERVICE_NAME = "<nil-service-name>";

    private final StringSet services;
    private final StringSet spanNames;
    private final StringSet spanKinds;
    private final PropertiesMatcher properties;

    SpanMatcher(MatchProperties section) {
        services = PropertiesMatcher.names(section.services(), section.matchType());
        spanNames = PropertiesMatcher.names(section.spanNames(), section.matchType());
        spanKinds = PropertiesMatcher.names(section.spanKinds(), section.matchType());
        properties = new PropertiesMatcher(section);
    }

    /** In otelcol's order: service, name, kind, then libraries, resource and span attributes. */
    @Override
    public boolean matches(Resource resource, InstrumentationScope scope, Span span) {
        if (services != null && !services.matches(serviceName(resource))) {
            return false;
        }
        if (spanNames != null && !spanNames.matches(span.getName())) {
            return false;
        }
        if (spanKinds != null && !spanKinds.matches(kindName(span))) {
            return false;
        }
        return properties.matches(span.getAttributesList(), resource, scope);
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
