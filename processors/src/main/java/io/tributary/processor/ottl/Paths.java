package io.tributary.processor.ottl;

import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.trace.v1.Span;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Resolves a path to a getter, for a condition of a given context. A path may start with the name
 * of its own context or of one above it ({@code span.name}, {@code resource.attributes["k"]});
 * without one it addresses the condition's own context ({@code name}), except where the context
 * is inferred, which needs every path prefixed. Supported fields follow otelcol's ottlresource,
 * ottlscope, ottlspan and ottlspanevent contexts; object-valued paths ({@code resource},
 * {@code status}, {@code events}, {@code links}) and time.Time ones are outside the subset.
 */
final class Paths {
    private static final String[] KIND_NAMES = {"Unspecified", "Internal", "Server", "Client", "Producer", "Consumer"};

    private Paths() {
    }

    static Getter resolve(Ast.Path path, OttlContext context, boolean prefixRequired) {
        List<String> names = path.names();
        OttlContext addressed = OttlContext.named(names.get(0));
        List<String> fields = names;
        if (addressed == null) {
            if (prefixRequired) {
                throw new OttlException("path '" + path.text() + "' must start with its context (resource, scope, span or spanevent)", path.column());
            }
            addressed = context;
        } else {
            if (addressed.ordinal() > context.ordinal()) {
                throw new OttlException("path '" + path.text() + "' is not available in the " + context.configName() + " context", path.column());
            }
            fields = names.subList(1, names.size());
        }
        String field = String.join(".", fields);
        if (field.equals("attributes")) {
            return attributes(attributesOf(addressed), path);
        }
        if (!path.keys().isEmpty()) {
            throw new OttlException("path '" + path.text() + "' cannot be indexed", path.keys().get(0).column());
        }
        Getter getter = switch (addressed) {
            case RESOURCE -> resourceField(field);
            case SCOPE -> scopeField(field);
            case SPAN -> spanField(field);
            case SPANEVENT -> eventField(field);
        };
        if (getter == null) {
            throw new OttlException("unsupported path '" + path.text() + "'", path.column());
        }
        return getter;
    }

    private static Function<Target, List<KeyValue>> attributesOf(OttlContext context) {
        return switch (context) {
            case RESOURCE -> t -> t.resource().getResource().getAttributesList();
            case SCOPE -> t -> t.scope().getScope().getAttributesList();
            case SPAN -> t -> t.span().getAttributesList();
            case SPANEVENT -> t -> t.event().getAttributesList();
        };
    }

    private static Getter attributes(Function<Target, List<KeyValue>> attributes, Ast.Path path) {
        List<Ast.Key> keys = path.keys();
        if (keys.isEmpty()) {
            return t -> new Values.MapValue(attributes.apply(t));
        }
        if (!(keys.get(0).value() instanceof String first)) {
            throw new OttlException("attributes must be indexed with a string key", keys.get(0).column());
        }
        if (keys.size() == 1) {
            return t -> Values.lookup(attributes.apply(t), first);
        }
        List<Object> rest = keys.subList(1, keys.size()).stream().map(Ast.Key::value).toList();
        return t -> {
            Object value = Values.lookup(attributes.apply(t), first);
            for (Object key : rest) {
                value = Values.index(value, key);
            }
            return value;
        };
    }

    private static Getter resourceField(String field) {
        return field.equals("dropped_attributes_count")
                ? t -> (long) t.resource().getResource().getDroppedAttributesCount()
                : null;
    }

    private static Getter scopeField(String field) {
        return switch (field) {
            case "name" -> t -> t.scope().getScope().getName();
            case "version" -> t -> t.scope().getScope().getVersion();
            case "dropped_attributes_count" -> t -> (long) t.scope().getScope().getDroppedAttributesCount();
            default -> null;
        };
    }

    private static Getter spanField(String field) {
        return switch (field) {
            case "name" -> t -> t.span().getName();
            case "kind" -> t -> (long) t.span().getKindValue();
            case "kind.string" -> t -> kindString(t.span());
            case "kind.deprecated_string" -> t -> "SPAN_KIND_" + kindString(t.span()).toUpperCase(Locale.ROOT);
            case "status.code" -> t -> (long) t.span().getStatus().getCodeValue();
            case "status.message" -> t -> t.span().getStatus().getMessage();
            case "trace_id" -> t -> Values.Id.of(true, t.span().getTraceId());
            case "trace_id.string" -> t -> Values.Id.of(true, t.span().getTraceId()).hex();
            case "span_id" -> t -> Values.Id.of(false, t.span().getSpanId());
            case "span_id.string" -> t -> Values.Id.of(false, t.span().getSpanId()).hex();
            case "parent_span_id" -> t -> Values.Id.of(false, t.span().getParentSpanId());
            case "parent_span_id.string" -> t -> Values.Id.of(false, t.span().getParentSpanId()).hex();
            case "trace_state" -> t -> t.span().getTraceState();
            case "start_time_unix_nano" -> t -> t.span().getStartTimeUnixNano();
            case "end_time_unix_nano" -> t -> t.span().getEndTimeUnixNano();
            case "dropped_attributes_count" -> t -> (long) t.span().getDroppedAttributesCount();
            case "dropped_events_count" -> t -> (long) t.span().getDroppedEventsCount();
            case "dropped_links_count" -> t -> (long) t.span().getDroppedLinksCount();
            default -> null;
        };
    }

    private static Getter eventField(String field) {
        return switch (field) {
            case "name" -> t -> t.event().getName();
            case "time_unix_nano" -> t -> t.event().getTimeUnixNano();
            case "dropped_attributes_count" -> t -> (long) t.event().getDroppedAttributesCount();
            default -> null;
        };
    }

    /** pdata's SpanKind.String(); an unknown kind prints as otelcol does, its number. */
    private static String kindString(Span span) {
        int kind = span.getKindValue();
        return kind >= 0 && kind < KIND_NAMES.length ? KIND_NAMES[kind] : Integer.toString(kind);
    }
}
