package io.tributary.processor.ottl;

import java.util.List;
import java.util.Map;

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

    private final OttlContext context;
    private final boolean prefixRequired;

    private Compiler(OttlContext context, boolean prefixRequired) {
        this.context = context;
        this.prefixRequired = prefixRequired;
    }

    static Predicate compile(Ast ast, OttlContext context, boolean prefixRequired) {
        return new Compiler(context, prefixRequired).bool(ast);
    }

    /**
     * otelcol's context inference: every path names its context, and the condition runs in the
     * deepest one named, from which the others are reachable.
     */
    static OttlContext infer(Ast ast) {
        OttlContext deepest = deepest(ast, null);
        if (deepest == null) {
            throw new OttlException("cannot infer the context of a condition without paths", ast.column());
        }
        return deepest;
    }

    private static OttlContext deepest(Ast ast, OttlContext found) {
        if (ast instanceof Ast.Path path) {
            OttlContext named = OttlContext.named(path.names().get(0));
            if (named == null) {
                throw new OttlException("path '" + path.text() + "' must start with its context (resource, scope, span or spanevent)", path.column());
            }
            return found == null || named.ordinal() > found.ordinal() ? named : found;
        }
        if (ast instanceof Ast.Or or) {
            return deepestOf(or.terms(), found);
        }
        if (ast instanceof Ast.And and) {
            return deepestOf(and.terms(), found);
        }
        if (ast instanceof Ast.Not not) {
            return deepest(not.operand(), found);
        }
        if (ast instanceof Ast.Compare compare) {
            return deepest(compare.right(), deepest(compare.left(), found));
        }
        if (ast instanceof Ast.Math math) {
            return deepest(math.right(), deepest(math.left(), found));
        }
        if (ast instanceof Ast.Call call) {
            return deepestOf(call.args(), found);
        }
        return ast instanceof Ast.ListLiteral list ? deepestOf(list.items(), found) : found;
    }

    private static OttlContext deepestOf(List<Ast> nodes, OttlContext found) {
        OttlContext result = found;
        for (Ast node : nodes) {
            result = deepest(node, result);
        }
        return result;
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
            Long number = context.ordinal() >= OttlContext.SPAN.ordinal() ? SPAN_ENUMS.get(symbol.name()) : null;
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
