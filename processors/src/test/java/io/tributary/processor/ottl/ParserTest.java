package io.tributary.processor.ottl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParserTest {
    /** The tree rendered as prefix notation, so precedence and grouping are visible. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "name == \"a\"                              | (== name 'a')",
            "a == 1 or b == 2 and c == 3                | (or (== a 1) (and (== b 2) (== c 3)))",
            "(a == 1 or b == 2) and c == 3              | (and (or (== a 1) (== b 2)) (== c 3))",
            "not a == 1 and b != nil                    | (and (not (== a 1)) (!= b nil))",
            "not (a == 1 or true)                       | (not (or (== a 1) true))",
            "end_time_unix_nano - start_time_unix_nano > 1000 * 2 + 1 | (> (- end_time_unix_nano start_time_unix_nano) (+ (* 1000 2) 1))",
            "(1 + 2) * 3 >= -4.5                        | (>= (* (+ 1 2) 3) -4.5)",
            "IsMatch(attributes[\"http.url\"], \".*/health\") | (IsMatch attributes['http.url'] '.*/health')",
            "resource.attributes[\"a\"][0][\"b\"] == 0x0aff | (== resource.attributes['a'][0]['b'] 0x0aff)",
            "Concat([name, \"x\"], \"-\") == kind       | (== (Concat [name 'x'] '-') kind)",
            "kind == SPAN_KIND_SERVER                   | (== kind SPAN_KIND_SERVER)",
            "((IsString(name)))                         | (IsString name)",
    })
    void buildsTheTree(String condition, String expected) {
        assertThat(render(Parser.parse(condition))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "``                                | empty condition at column 1",
            "name                              | expected a comparison after path 'name' at column 5",
            "name ==                           | unexpected end of condition at column 8",
            "name == \"a\" and                 | unexpected end of condition at column 16",
            "name == \"a\" \"b\"               | unexpected 'b' at column 13",
            "(name == \"a\"                    | expected ')', found end of condition at column 13",
            "1 + 2                             | expected a comparison operator, found end of condition at column 6",
            "IsMatch(name \".*\")              | expected ')', found '.*' at column 14",
            "IsMatch(target = name, \"x\")     | unsupported named argument 'target' at column 9",
            "attributes[name] == 1             | unsupported index 'name' (only string and integer literals) at column 12",
            "attributes == {\"a\": 1}          | unsupported map literal at column 15",
            "name. == 1                        | expected a path segment after '.', found '==' at column 7",
            "x == 99999999999999999999         | integer out of range '99999999999999999999' at column 6",
            "name == \"a\" or or               | unexpected 'or' at column 16",
    })
    void reportsWhatAndWhere(String condition, String message) {
        assertThatThrownBy(() -> Parser.parse(condition)).isInstanceOf(OttlException.class).hasMessage(message);
    }

    private static String render(Ast ast) {
        if (ast instanceof Ast.Or or) {
            return "(or " + join(or.terms()) + ")";
        }
        if (ast instanceof Ast.And and) {
            return "(and " + join(and.terms()) + ")";
        }
        if (ast instanceof Ast.Not not) {
            return "(not " + render(not.operand()) + ")";
        }
        if (ast instanceof Ast.Compare compare) {
            return "(" + compare.op() + " " + render(compare.left()) + " " + render(compare.right()) + ")";
        }
        if (ast instanceof Ast.Math math) {
            return "(" + math.op() + " " + render(math.left()) + " " + render(math.right()) + ")";
        }
        if (ast instanceof Ast.Literal literal) {
            Object value = literal.value();
            if (value == null) {
                return "nil";
            }
            if (value instanceof byte[] bytes) {
                return "0x" + HexFormat.of().formatHex(bytes);
            }
            return value instanceof String text ? "'" + text + "'" : value.toString();
        }
        if (ast instanceof Ast.EnumSymbol symbol) {
            return symbol.name();
        }
        if (ast instanceof Ast.Path path) {
            return path.text() + keys(path.keys());
        }
        if (ast instanceof Ast.Call call) {
            return "(" + call.name() + " " + join(call.args()) + ")" + keys(call.keys());
        }
        return "[" + join(((Ast.ListLiteral) ast).items()) + "]";
    }

    private static String join(List<Ast> nodes) {
        return nodes.stream().map(ParserTest::render).collect(Collectors.joining(" "));
    }

    private static String keys(List<Ast.Key> keys) {
        return keys.stream().map(k -> k.value() instanceof String s ? "['" + s + "']" : "[" + k.value() + "]").collect(Collectors.joining());
    }
}
