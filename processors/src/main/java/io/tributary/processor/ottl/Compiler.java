package io.tributary.processor.ottl;

import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a syntax tree into a predicate for one context: paths become getters, enums numbers,
 * calls compiled functions; whatever falls outside the supported subset is an {@link OttlException}
 * naming it and its column.
 */
final class Compiler {
    private static final Map<String, Long> SPAN_ENUMS = Map.of(
            "SPAN_KIND_UNSPECIFIED", 0L, "SPAN_KIND_INTERNAL", 1L, "SPAN_KIND_SERVER", 2L, "SPAN_KIND_CLIENT", 3L,
            "SPAN_KIND_PRODUCER", 4L, "SPAN_KIND_CONSUMER", 5L,
            "STATUS_CODE_UNSET", 0L, "STATUS_CODE_OK", 1L, "STATUS_CODE_ERROR", 2L);
    private static final Map<String, Long> METRIC_ENUMS = Map.of(
            "AGGREGATION_TEMPORALITY_UNSPECIFIED", 0L, "AGGREGATION_TEMPORALITY_DELTA", 1L, "AGGREGATION_TEMPORALITY_CUMULATIVE", 2L,
            "METRIC_DATA_TYPE_NONE", 0L, "METRIC_DATA_TYPE_GAUGE", 1L, "METRIC_DATA_TYPE_SUM", 2L, "METRIC_DATA_TYPE_HISTOGRAM", 3L,
            "METRIC_DATA_TYPE_EXPONENTIAL_HISTOGRAM", 4L, "METRIC_DATA_TYPE_SUMMARY", 5L);
    private static final Map<String, Long> DATAPOINT_ENUMS = with(METRIC_ENUMS, Map.of("FLAG_NONE", 0L, "FLAG_NO_RECORDED_VALUE", 1L));
    private static final Map<String, Long> LOG_ENUMS = severityNumbers();

    private final OttlContext context;
    private final boolean prefixRequired;

    private Compiler(OttlContext context, boolean prefixRequired) {
        this.context = context;
        this.prefixRequired = prefixRequired;
    }

    static Predicate compile(Ast ast, OttlContext context, boolean prefixRequired) {
        return new Compiler(context, prefixRequired).bool(ast);
    }

    OttlContext context() {
        return context;
    }

    /** The enum symbols of a context, otelcol's symbol tables: a span event's are its span's, a data point's its metric's and more. */
    private static Map<String, Long> enums(OttlContext context) {
        return switch (context) {
            case SPAN, SPANEVENT -> SPAN_ENUMS;
            case METRIC -> METRIC_ENUMS;
            case DATAPOINT -> DATAPOINT_ENUMS;
            case LOG -> LOG_ENUMS;
            case RESOURCE, SCOPE -> Map.of();
        };
    }

    /** What a condition's context is inferred from: the contexts its paths name, the functions it calls, the enums it uses. */
    private record Hints(Set<OttlContext> contexts, Set<String> functions, Set<String> enums) {
    }

    /**
     * otelcol's context inference: every path names its context; the condition runs in the one of
     * highest priority ({@link OttlContext#INFERENCE_PRIORITY}: the deepest), unless that context
     * lacks a function or enum the condition uses, in which case the first context below it that
     * has them all is taken.
     */
    static OttlContext infer(Ast ast) {
        Hints hints = new Hints(EnumSet.noneOf(OttlContext.class), new LinkedHashSet<>(), new LinkedHashSet<>());
        collect(ast, hints);
        if (hints.contexts().isEmpty()) {
            throw new OttlException("cannot infer the context of a condition without paths", ast.column());
        }
        OttlContext inferred = OttlContext.INFERENCE_PRIORITY.stream().filter(hints.contexts()::contains).findFirst().orElseThrow();
        String missing = missing(inferred, hints);
        if (missing == null) {
            return inferred;
        }
        for (OttlContext lower : OttlContext.INFERENCE_PRIORITY) {
            if (lower != inferred && lower.reaches(inferred) && missing(lower, hints) == null) {
                return lower;
            }
        }
        throw new OttlException("inferred context \"" + inferred.configName() + "\" does not support " + missing, ast.column());
    }

    /** The first function or enum of {@code hints} the context lacks, in words; null when it has them all. Unknown names are left to compiling. */
    private static String missing(OttlContext context, Hints hints) {
        for (String function : hints.functions()) {
            if (Functions.contextOnly(function) != null && Functions.contextOnly(function) != context) {
                return "the function \"" + function + "\"";
            }
        }
        for (String symbol : hints.enums()) {
            boolean known = OttlContext.INFERENCE_PRIORITY.stream().anyMatch(c -> enums(c).containsKey(symbol));
            if (known && !enums(context).containsKey(symbol)) {
                return "the enum symbol \"" + symbol + "\"";
            }
        }
        return null;
    }

    private static void collect(Ast ast, Hints hints) {
        if (ast instanceof Ast.Path path) {
            OttlContext named = OttlContext.named(path.names().get(0));
            if (named == null) {
                throw new OttlException("path '" + path.text() + "' must start with its context "
                        + "(resource, scope, span, spanevent, metric, datapoint or log)", path.column());
            }
            hints.contexts().add(named);
        } else if (ast instanceof Ast.Or or) {
            or.terms().forEach(term -> collect(term, hints));
        } else if (ast instanceof Ast.And and) {
            and.terms().forEach(term -> collect(term, hints));
        } else if (ast instanceof Ast.Not not) {
            collect(not.operand(), hints);
        } else if (ast instanceof Ast.Compare compare) {
            collect(compare.left(), hints);
            collect(compare.right(), hints);
        } else if (ast instanceof Ast.Math math) {
            collect(math.left(), hints);
            collect(math.right(), hints);
        } else if (ast instanceof Ast.Call call) {
            hints.functions().add(call.name());
            call.args().forEach(arg -> collect(arg, hints));
        } else if (ast instanceof Ast.ListLiteral list) {
            list.items().forEach(item -> collect(item, hints));
        } else if (ast instanceof Ast.EnumSymbol symbol) {
            hints.enums().add(symbol.name());
        }
    }

    private static Map<String, Long> with(Map<String, Long> base, Map<String, Long> more) {
        Map<String, Long> all = new HashMap<>(base);
        all.putAll(more);
        return Map.copyOf(all);
    }

    /** {@code SEVERITY_NUMBER_UNSPECIFIED} 0, then TRACE, TRACE2..4, DEBUG... FATAL4 from 1 to 24. */
    private static Map<String, Long> severityNumbers() {
        Map<String, Long> symbols = new HashMap<>();
        symbols.put("SEVERITY_NUMBER_UNSPECIFIED", 0L);
        List<String> levels = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
        for (int level = 0; level < levels.size(); level++) {
            for (int step = 1; step <= 4; step++) {
                symbols.put("SEVERITY_NUMBER_" + levels.get(level) + (step == 1 ? "" : Integer.toString(step)), (long) (level * 4 + step));
            }
        }
        return Map.copyOf(symbols);
    }

    private Predicate bool(Ast ast) {
        if (ast instanceof Ast.Or or) {
            Predicate[] terms = or.terms().stream().map(this::bool).toArray(Predicate[]::new);
            return t -> {
                for (Predicate term : terms) {
                    if (term.test(t)) {
                        return true;
                    }
                }
                return false;
            };
        }
        if (ast instanceof Ast.And and) {
            Predicate[] terms = and.terms().stream().map(this::bool).toArray(Predicate[]::new);
            return t -> {
                for (Predicate term : terms) {
                    if (!term.test(t)) {
                        return false;
                    }
                }
                return true;
            };
        }
        if (ast instanceof Ast.Not not) {
            Predicate operand = bool(not.operand());
            return t -> !operand.test(t);
        }
        if (ast instanceof Ast.Compare compare) {
            Getter left = value(compare.left());
            Getter right = value(compare.right());
            String op = compare.op();
            return t -> Values.compare(left.get(t), right.get(t), op);
        }
        if (ast instanceof Ast.Literal literal && literal.value() instanceof Boolean constant) {
            return t -> constant;
        }
        if (ast instanceof Ast.Call call) {
            Functions.Compiled function = Functions.compile(call, this);
            if (!function.returnsBool()) {
                throw new OttlException("'" + call.name() + "' does not return a boolean", call.column());
            }
            Getter getter = function.getter();
            return t -> (Boolean) getter.get(t);
        }
        throw new OttlException("expected a boolean expression", ast.column());
    }

    Getter value(Ast ast) {
        if (ast instanceof Ast.Literal literal) {
            Object constant = literal.value();
            return t -> constant;
        }
        if (ast instanceof Ast.EnumSymbol symbol) {
            Long number = enums(context).get(symbol.name());
            if (number == null) {
                throw new OttlException("unknown enum '" + symbol.name() + "'", symbol.column());
            }
            return t -> number;
        }
        if (ast instanceof Ast.Path path) {
            return Paths.resolve(path, context, prefixRequired);
        }
        if (ast instanceof Ast.Call call) {
            return Functions.compile(call, this).getter();
        }
        if (ast instanceof Ast.Math math) {
            return math(math);
        }
        if (ast instanceof Ast.ListLiteral list) {
            throw new OttlException("a list is only supported as an argument of Concat", list.column());
        }
        throw new OttlException("expected a value", ast.column());
    }

    private Getter math(Ast.Math math) {
        Getter left = operand(math.left(), math.op());
        Getter right = operand(math.right(), math.op());
        String op = math.op();
        return t -> Arithmetic.apply(left.get(t), op, right.get(t));
    }

    /** A literal that can never take part in arithmetic is refused up front. */
    private Getter operand(Ast ast, String op) {
        if (ast instanceof Ast.Literal literal && !(literal.value() instanceof Long || literal.value() instanceof Double)) {
            throw new OttlException("operator '" + op + "' needs numbers, got " + Values.typeName(literal.value()), ast.column());
        }
        return value(ast);
    }
}
