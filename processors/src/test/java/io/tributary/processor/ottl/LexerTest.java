package io.tributary.processor.ottl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class LexerTest {
    /** Tokens rendered as KIND:text@column, space-separated, without the end token. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "name == \"a b\"                | LOWER:name@1 PUNCT:==@6 STRING:a b@9",
            "attributes[\"k\"]!=nil         | LOWER:attributes@1 PUNCT:[@11 STRING:k@12 PUNCT:]@15 PUNCT:!=@16 LOWER:nil@18",
            "x >= -1.5e3                    | LOWER:x@1 PUNCT:>=@3 PUNCT:-@6 FLOAT:1.5e3@7",
            "IsMatch(.5, 42)                | UPPER:IsMatch@1 PUNCT:(@8 FLOAT:.5@9 PUNCT:,@11 INT:42@13 PUNCT:)@15",
            "0xCAfe<SPAN_KIND_SERVER        | BYTES:CAfe@1 PUNCT:<@7 UPPER:SPAN_KIND_SERVER@8",
            "\"tab\\there \\\"q\\\" \\x41\\u00e9\" | STRING:tab\there \"q\" Aé@1",
    })
    void splitsIntoTokens(String condition, String expected) {
        assertThat(render(Lexer.tokens(condition))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "name == \"open                 | unterminated string at column 9",
            "IsMatch(name, \"\\d+\")        | invalid escape '\\d' in string (write '\\\\d' for a backslash) at column 16",
            "name == 'single'               | unexpected character ''' at column 9",
            "x == 0x123                     | invalid byte slice literal '0x123' at column 6",
            "x == 1.                        | invalid number '1.' at column 6",
            "x ~ 1                          | unexpected character '~' at column 3",
    })
    void rejectsMalformedInput(String condition, String message) {
        assertThatThrownBy(() -> Lexer.tokens(condition)).isInstanceOf(OttlException.class).hasMessage(message);
    }

    private static String render(List<Token> tokens) {
        return tokens.stream()
                .filter(t -> t.kind() != Token.Kind.EOF)
                .map(t -> t.kind() + ":" + t.text() + "@" + t.column())
                .collect(Collectors.joining(" "));
    }
}
