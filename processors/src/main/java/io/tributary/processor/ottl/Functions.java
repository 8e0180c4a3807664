package io.tributary.processor.ottl;

import com.google.protobuf.ByteString;
import com.google.protobuf.Message;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.processor.filterset.GoRegex;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The OTTL converters in the subset, with otelcol's argument rules (a {@code string} parameter
 * takes only a literal) and runtime semantics: {@code IsMatch}, {@code IsString}, {@code IsInt},
 * {@code Len}, {@code Concat}, {@code TraceID}, {@code SpanID}; {@code IsRootSpan} of the span
 * context (the filter's and the routing connector's); and the filter's own functions of the metric
 * context, {@code HasAttrKeyOnDatapoint} and {@code HasAttrOnDatapoint}.
 */
final class Functions {
    /** A compiled call and whether it always yields a bool (so it may stand as a whole boolean). */
    record Compiled(Getter getter, boolean returnsBool) {
    }

    private Functions() {
    }

    /** The one context a function exists in, or null for the converters every context has (and names this subset does not know). */
    static OttlContext contextOnly(String name) {
        return switch (name) {
            case "HasAttrKeyOnDatapoint", "HasAttrOnDatapoint" -> OttlContext.METRIC;
            case "IsRootSpan" -> OttlContext.SPAN;
            default -> null;
        };
    }

    static Compiled compile(Ast.Call call, Compiler compiler) {
        String name = call.name();
        OttlContext only = contextOnly(name);
        if (only != null && only != compiler.context()) {
            throw new OttlException("function '" + name + "' is not available in the " + compiler.context().configName()
                    + " context, only in " + only.configName(), call.column());
        }
        if (Character.isLowerCase(name.charAt(0))) {
            throw new OttlException("unsupported function '" + name + "' (editors cannot be used in conditions)", call.column());
        }
        if (!call.keys().isEmpty()) {
            throw new OttlException("indexing the result of '" + name + "' is not supported", call.keys().get(0).column());
        }
        return switch (name) {
            case "IsMatch" -> {
                arity(call, 2);
                Getter target = compiler.value(call.args().get(0));
                GoRegex pattern = regex(stringLiteral(call, 1, "pattern"), call.args().get(1));
                yield new Compiled(t -> {
                    String text = Values.stringLike(target.get(t));
                    return text != null && pattern.matches(text);
                }, true);
            }
            case "IsString" -> {
                arity(call, 1);
                Getter target = compiler.value(call.args().get(0));
                yield new Compiled(t -> target.get(t) instanceof String, true);
            }
            case "IsInt" -> {
                arity(call, 1);
                Getter target = compiler.value(call.args().get(0));
                yield new Compiled(t -> target.get(t) instanceof Long, true);
            }
            case "Len" -> {
                arity(call, 1);
                Getter target = compiler.value(call.args().get(0));
                yield new Compiled(t -> length(target.get(t)), false);
            }
            case "Concat" -> {
                arity(call, 2);
                if (!(call.args().get(0) instanceof Ast.ListLiteral list)) {
                    throw new OttlException("Concat: vals must be a list such as [a, \"b\"]", call.args().get(0).column());
                }
                List<Getter> values = new ArrayList<>();
                list.items().forEach(item -> values.add(compiler.value(item)));
                String delimiter = stringLiteral(call, 1, "delimiter");
                yield new Compiled(t -> concat(values, delimiter, t), false);
            }
            case "HasAttrKeyOnDatapoint" -> {
                arity(call, 1);
                String key = stringLiteral(call, 0, "key");
                yield new Compiled(t -> hasAttributeOnDatapoint((Metric) t.item(), key, null), true);
            }
            case "HasAttrOnDatapoint" -> {
                arity(call, 2);
                String key = stringLiteral(call, 0, "key");
                String expected = stringLiteral(call, 1, "expectedVal");
                yield new Compiled(t -> hasAttributeOnDatapoint((Metric) t.item(), key, expected), true);
            }
            case "IsRootSpan" -> {
                arity(call, 0);
                yield new Compiled(t -> isRoot((Span) t.item()), true);
            }
            case "TraceID" -> new Compiled(id(call, true), false);
            case "SpanID" -> new Compiled(id(call, false), false);
            default -> throw new OttlException("unsupported function '" + name + "'", call.column());
        };
    }

    private static void arity(Ast.Call call, int expected) {
        if (call.args().size() != expected) {
            throw new OttlException(call.name() + " takes " + expected + " argument" + (expected == 1 ? "" : "s")
                    + ", got " + call.args().size(), call.column());
        }
    }

    /** OTTL's {@code string} parameters accept only a literal, read when the condition is parsed. */
    private static String stringLiteral(Ast.Call call, int index, String parameter) {
        Ast arg = call.args().get(index);
        if (arg instanceof Ast.Literal literal && literal.value() instanceof String text) {
            return text;
        }
        throw new OttlException(call.name() + ": " + parameter + " must be a string literal", arg.column());
    }

    /** Go's regexp syntax and MatchString: a match anywhere in the text. */
    private static GoRegex regex(String expression, Ast at) {
        try {
            return GoRegex.compile(expression);
        } catch (IllegalArgumentException e) {
            throw new OttlException("IsMatch: " + e.getMessage(), at.column());
        }
    }

    private static Getter id(Ast.Call call, boolean trace) {
        arity(call, 1);
        int size = trace ? 16 : 8;
        Ast arg = call.args().get(0);
        if (!(arg instanceof Ast.Literal literal && literal.value() instanceof byte[] bytes)) {
            throw new OttlException(call.name() + ": bytes must be a byte slice literal such as 0x0102...", arg.column());
        }
        if (bytes.length != size) {
            throw new OttlException(call.name() + ": " + (trace ? "traces" : "span") + " ids must be " + size + " bytes", arg.column());
        }
        Values.Id id = new Values.Id(trace, ByteString.copyFrom(bytes));
        return t -> id;
    }

    /**
     * Whether a data point of the metric has attribute {@code key} (and, when {@code expected} is
     * given, whether the first point that has it holds that string: otelcol looks no further, and a
     * value of another type reads as ""); a metric without data is an error, as in otelcol.
     */
    private static Object hasAttributeOnDatapoint(Metric metric, String key, String expected) {
        if (metric.getDataCase() == Metric.DataCase.DATA_NOT_SET) {
            throw new OttlEvaluationException("unknown metric type");
        }
        for (Message point : DataPoints.of(metric)) {
            for (KeyValue attribute : DataPoints.attributes(point)) {
                if (attribute.getKey().equals(key)) {
                    return expected == null || expected.equals(attribute.getValue().hasStringValue() ? attribute.getValue().getStringValue() : "");
                }
            }
        }
        return false;
    }

    /** pdata's {@code ParentSpanID().IsEmpty()}: no parent span ID, or the all-zero one. */
    private static boolean isRoot(Span span) {
        ByteString parent = span.getParentSpanId();
        for (int i = 0; i < parent.size(); i++) {
            if (parent.byteAt(i) != 0) {
                return false;
            }
        }
        return true;
    }

    /** Go's len(): bytes of a string, entries of a map or slice; anything else is an error. */
    private static Object length(Object value) {
        if (value instanceof String text) {
            return (long) text.getBytes(StandardCharsets.UTF_8).length;
        }
        if (value instanceof byte[] bytes) {
            return (long) bytes.length;
        }
        if (value instanceof Values.Handle<?> handle) {
            return (long) handle.items.size();
        }
        throw new OttlEvaluationException("Len: target arg must be of type string, []byte, pcommon.Map or pcommon.Slice, got " + Values.typeName(value));
    }

    /** A nil element is written as Go's fmt.Sprint(nil) writes it. */
    private static Object concat(List<Getter> values, String delimiter, Target target) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            String text = Values.stringLike(values.get(i).get(target));
            out.append(text == null ? "<nil>" : text);
        }
        return out.toString();
    }
}
