package io.tributary.processor.ottl;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * A recursive-descent parser for OTTL boolean expressions (the body of a condition):
 * <pre>
 * condition  := or EOF
 * or         := and ("or" and)*
 * and        := boolean ("and" boolean)*
 * boolean    := "not"? ( value compareOp value | "true" | "false" | Converter(...) | "(" or ")" )
 * value      := term (("+" | "-") term)*
 * term       := factor (("*" | "/") factor)*
 * factor     := literal | ENUM | path | call | list | "(" value ")" | ("+" | "-") number
 * path       := name ("." name)* key*          key := "[" (string | int) "]"
 * call       := Name "(" (value ("," value)*)? ")" key*
 * </pre>
 * {@code not} binds tightest, then {@code and}, then {@code or}, as in OTTL. A parenthesis may open
 * a value or a boolean sub-expression; the parser tries the value reading first and falls back,
 * reporting whichever attempt got further when both fail. A statement is
 * {@code editor "(" (value ("," value)*)? ")" ("where" or)? EOF}.
 */
final class Parser {
    private static final Set<String> COMPARE = Set.of("==", "!=", "<", "<=", ">", ">=");

    private final List<Token> tokens;
    private int pos;

    private Parser(List<Token> tokens) {
        this.tokens = tokens;
    }

    /** @throws OttlException naming what is wrong and its column */
    static Ast parse(String condition) {
        if (condition == null || condition.isBlank()) {
            throw new OttlException("empty condition", 1);
        }
        Parser parser = new Parser(Lexer.tokens(condition));
        Ast ast = parser.or();
        if (parser.peek().kind() != Token.Kind.EOF) {
            throw parser.unexpected(parser.peek());
        }
        return ast;
    }

    /** A statement: its editor call, and its {@code where} condition (null without one). */
    record Statement(Ast.Call editor, Ast condition) {
    }

    /** @throws OttlException naming what is wrong and its column */
    static Statement statement(String text) {
        if (text == null || text.isBlank()) {
            throw new OttlException("empty statement", 1);
        }
        Parser parser = new Parser(Lexer.tokens(text));
        Token name = parser.take();
        if (name.kind() != Token.Kind.LOWER || !parser.peek().is("(")) {
            throw new OttlException("a statement starts with an editor call such as route(), found " + name.describe(), name.column());
        }
        Ast.Call editor = (Ast.Call) parser.call(name);
        Ast condition = null;
        if (parser.accept("where")) {
            condition = parser.or();
        }
        if (parser.peek().kind() != Token.Kind.EOF) {
            throw parser.unexpected(parser.peek());
        }
        return new Statement(editor, condition);
    }

    private Ast or() {
        return chain("or", this::and, Ast.Or::new);
    }

    private Ast and() {
        return chain("and", this::bool, Ast.And::new);
    }

    /** {@code operand (keyword operand)*}, one node for the whole run. */
    private Ast chain(String keyword, Supplier<Ast> operand, BiFunction<List<Ast>, Integer, Ast> node) {
        int column = peek().column();
        List<Ast> terms = new ArrayList<>();
        terms.add(operand.get());
        while (peek().is(keyword)) {
            pos++;
            terms.add(operand.get());
        }
        return terms.size() == 1 ? terms.get(0) : node.apply(List.copyOf(terms), column);
    }

    private Ast bool() {
        Token first = peek();
        if (first.is("not")) {
            pos++;
            return new Ast.Not(bool(), first.column());
        }
        int start = pos;
        OttlException valueFailure;
        try {
            Ast left = value();
            Token op = peek();
            if (op.kind() == Token.Kind.PUNCT && COMPARE.contains(op.text())) {
                pos++;
                return new Ast.Compare(op.text(), left, value(), op.column());
            }
            if (isBooleanOnItsOwn(left)) {
                return left;
            }
            valueFailure = new OttlException(left instanceof Ast.Path path
                    ? "expected a comparison after path '" + path.text() + "'"
                    : "expected a comparison operator, found " + op.describe(), op.column());
        } catch (OttlException e) {
            valueFailure = e;
        }
        if (!first.is("(")) {
            throw valueFailure;
        }
        int valueFailedAt = pos;
        pos = start + 1;
        try {
            Ast inner = or();
            expect(")");
            return inner;
        } catch (OttlException e) {
            // Report the reading that got further: that is where the author most likely erred.
            throw pos >= valueFailedAt ? e : valueFailure;
        }
    }

    /** OTTL accepts a boolean literal or a converter call as a whole boolean; anything else needs a comparison. */
    private static boolean isBooleanOnItsOwn(Ast ast) {
        return ast instanceof Ast.Call || (ast instanceof Ast.Literal literal && literal.value() instanceof Boolean);
    }

    private Ast value() {
        Ast left = term();
        while (peek().is("+") || peek().is("-")) {
            Token op = take();
            left = new Ast.Math(op.text(), left, term(), op.column());
        }
        return left;
    }

    private Ast term() {
        Ast left = factor();
        while (peek().is("*") || peek().is("/")) {
            Token op = take();
            left = new Ast.Math(op.text(), left, factor(), op.column());
        }
        return left;
    }

    private Ast factor() {
        Token token = take();
        switch (token.kind()) {
            case STRING:
                return new Ast.Literal(token.text(), token.column());
            case INT:
                return new Ast.Literal(parseInt(token.text(), token), token.column());
            case FLOAT:
                return new Ast.Literal(Double.parseDouble(token.text()), token.column());
            case BYTES:
                return new Ast.Literal(HexFormat.of().parseHex(token.text()), token.column());
            case UPPER:
                return peek().is("(") ? call(token) : new Ast.EnumSymbol(token.text(), token.column());
            case LOWER:
                return lower(token);
            case PUNCT:
                return punct(token);
            default:
                throw unexpected(token);
        }
    }

    private Ast lower(Token token) {
        switch (token.text()) {
            case "true", "false":
                return new Ast.Literal(Boolean.parseBoolean(token.text()), token.column());
            case "nil":
                return new Ast.Literal(null, token.column());
            case "and", "or", "not":
                throw unexpected(token);
            default:
                // An editor (lower-case function); the compiler says editors have no place in a condition.
                return peek().is("(") ? call(token) : path(token);
        }
    }

    private Ast punct(Token token) {
        switch (token.text()) {
            case "(": {
                Ast inner = value();
                expect(")");
                return inner;
            }
            case "[": {
                List<Ast> items = new ArrayList<>();
                if (!peek().is("]")) {
                    do {
                        items.add(value());
                    } while (accept(","));
                }
                expect("]");
                return new Ast.ListLiteral(List.copyOf(items), token.column());
            }
            case "{":
                throw OttlException.beyondSubset("unsupported map literal", token.column());
            case "-", "+": {
                Token number = take();
                boolean negative = token.text().equals("-");
                if (number.kind() == Token.Kind.INT) {
                    return new Ast.Literal(parseInt((negative ? "-" : "") + number.text(), number), token.column());
                }
                if (number.kind() == Token.Kind.FLOAT) {
                    double value = Double.parseDouble(number.text());
                    return new Ast.Literal(negative ? -value : value, token.column());
                }
                throw unexpected(token);
            }
            default:
                throw unexpected(token);
        }
    }

    private Ast path(Token first) {
        List<String> names = new ArrayList<>();
        names.add(first.text());
        while (peek().is(".")) {
            pos++;
            Token name = take();
            if (name.kind() != Token.Kind.LOWER) {
                throw new OttlException("expected a path segment after '.', found " + name.describe(), name.column());
            }
            names.add(name.text());
        }
        return new Ast.Path(List.copyOf(names), keys(), first.column());
    }

    private Ast call(Token name) {
        expect("(");
        List<Ast> args = new ArrayList<>();
        if (!peek().is(")")) {
            do {
                Token argStart = peek();
                if (argStart.kind() == Token.Kind.LOWER && peekAt(1).is("=")) {
                    throw OttlException.beyondSubset("unsupported named argument '" + argStart.text() + "'", argStart.column());
                }
                args.add(value());
            } while (accept(","));
        }
        expect(")");
        return new Ast.Call(name.text(), List.copyOf(args), keys(), name.column());
    }

    private List<Ast.Key> keys() {
        List<Ast.Key> keys = new ArrayList<>();
        while (peek().is("[")) {
            Token open = take();
            Token key = take();
            switch (key.kind()) {
                case STRING -> keys.add(new Ast.Key(key.text(), open.column()));
                case INT -> keys.add(new Ast.Key(parseInt(key.text(), key), open.column()));
                default -> {
                    String message = "unsupported index " + key.describe() + " (only string and integer literals)";
                    // A path or a converter is a valid OTTL index; anything else is malformed.
                    boolean valid = key.kind() == Token.Kind.LOWER || key.kind() == Token.Kind.UPPER;
                    throw valid ? OttlException.beyondSubset(message, key.column()) : new OttlException(message, key.column());
                }
            }
            expect("]");
        }
        return List.copyOf(keys);
    }

    private static long parseInt(String text, Token token) {
        try {
            return Long.parseLong(text);
        } catch (NumberFormatException e) {
            throw new OttlException("integer out of range '" + text + "'", token.column());
        }
    }

    private Token peek() {
        return tokens.get(pos);
    }

    private Token peekAt(int ahead) {
        return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
    }

    private Token take() {
        Token token = tokens.get(pos);
        if (token.kind() != Token.Kind.EOF) {
            pos++;
        }
        return token;
    }

    private boolean accept(String punct) {
        if (peek().is(punct)) {
            pos++;
            return true;
        }
        return false;
    }

    private void expect(String punct) {
        Token token = peek();
        if (!token.is(punct)) {
            throw new OttlException("expected '" + punct + "', found " + token.describe(), token.column());
        }
        pos++;
    }

    private OttlException unexpected(Token token) {
        return new OttlException("unexpected " + token.describe(), token.column());
    }
}
