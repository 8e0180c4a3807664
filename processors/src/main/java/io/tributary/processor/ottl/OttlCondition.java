package io.tributary.processor.ottl;

/**
 * One OTTL condition, parsed and compiled once for its context; immutable and safe to share
 * between threads. Evaluate it through a {@link ConditionSequence}.
 *
 * <p>The supported subset: {@code and}, {@code or}, {@code not}, parentheses, the six comparison
 * operators with OTTL's comparison rules, {@code + - * /} on ints and floats; string, int, float,
 * bool, {@code nil} and byte-slice literals; the enums of each context ({@code SPAN_KIND_*},
 * {@code STATUS_CODE_*}, {@code METRIC_DATA_TYPE_*}, {@code AGGREGATION_TEMPORALITY_*},
 * {@code FLAG_*}, {@code SEVERITY_NUMBER_*}); the converters IsMatch, IsString, IsInt, Len, Concat,
 * TraceID and SpanID, the span context's IsRootSpan, and the filter's HasAttrKeyOnDatapoint and
 * HasAttrOnDatapoint; the paths of
 * otelcol's resource, scope, span, spanevent, metric, datapoint and log contexts that yield plain
 * values (names, kinds, types, IDs, times in unix nanos, counts, values, bodies, attributes with
 * string and int keys).
 */
public final class OttlCondition {
    private final String text;
    private final OttlContext context;
    private final Predicate predicate;

    private OttlCondition(String text, OttlContext context, Predicate predicate) {
        this.text = text;
        this.context = context;
        this.predicate = predicate;
    }

    /**
     * A condition of a context given by its place in the config ({@code traces.span}): paths
     * without a context prefix address that context.
     *
     * @throws OttlException naming the unsupported or malformed construct and its column
     */
    public static OttlCondition parse(String text, OttlContext context) {
        return new OttlCondition(text, context, Compiler.compile(Parser.parse(text), context, false));
    }

    /**
     * A condition whose context is inferred from its paths, which must all be prefixed
     * ({@code span.name}, {@code resource.attributes["k"]}); as otelcol's {@code trace_conditions},
     * {@code metric_conditions} and {@code log_conditions}. Whether the context is one of the
     * signal's is the caller's to check.
     *
     * @throws OttlException naming the unsupported or malformed construct and its column
     */
    public static OttlCondition infer(String text) {
        Ast ast = Parser.parse(text);
        OttlContext context = Compiler.infer(ast);
        return new OttlCondition(text, context, Compiler.compile(ast, context, true));
    }

    /**
     * The condition of a statement whose editor only marks the data its {@code where} clause
     * selects, as the routing connector's {@code route() where <condition>}: it holds where that
     * clause does, and always without one. Paths are read as in {@link #parse}. Any other editor,
     * or arguments to it, are refused: editors that change data are not supported.
     *
     * @param editor the one editor allowed, which takes no arguments
     * @throws OttlException naming the unsupported or malformed construct and its column
     */
    public static OttlCondition ofStatement(String text, OttlContext context, String editor) {
        Parser.Statement statement = Parser.statement(text);
        Ast.Call call = statement.editor();
        if (!call.name().equals(editor)) {
            throw new OttlException("unsupported editor '" + call.name() + "' (only " + editor + "() is supported)", call.column());
        }
        if (!call.args().isEmpty() || !call.keys().isEmpty()) {
            throw new OttlException(editor + "() takes no arguments", call.column());
        }
        Ast condition = statement.condition() != null ? statement.condition() : new Ast.Literal(true, call.column());
        return new OttlCondition(text, context, Compiler.compile(condition, context, false));
    }

    /**
     * Checks only the syntax of a condition of a context this subset cannot evaluate (otelcol's
     * profile context): paths and functions are not resolved, and valid OTTL
     * this parser does not read (map literals, named arguments) passes unchecked from there on.
     *
     * @throws OttlException naming the malformed construct and its column
     */
    public static void checkSyntax(String text) {
        try {
            Parser.parse(text);
        } catch (OttlException e) {
            if (!e.beyondSubset()) {
                throw e;
            }
        }
    }

    public String text() {
        return text;
    }

    public OttlContext context() {
        return context;
    }

    /** @throws OttlEvaluationException when an operand cannot be computed */
    boolean test(Target target) {
        return predicate.test(target);
    }

    @Override
    public String toString() {
        return text;
    }
}
