package io.tributary.processor.filterset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Dropping outer {@code .*}s never changes find()'s answer, and only provable cases are rewritten. */
class DotStarsTest {
    /** Every string up to 4 characters over letters, a newline, a carriage return and a Unicode line separator. */
    private static final List<String> TEXTS = texts("ax\n\r\u2028", 4);

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiterString = " => ", quoteCharacter = '"', value = {
        ".*x => x",
        ".*?x => x",
        ".*.*x => x",
        ".*x.* => x",
        "x.* => x",
        ".* => \"\"",
        ".*? => \"\"",
        ".*a|x => a|x",
        "a|.* => a|",
        ".*^x => ^x",
        ".*x$ => x$",
        ".*(?s)x.* => (?s)x",
        ".*(?<=a)x => (?<=a)x",
        ".*(x)\\1 => (x)\\1",
        "\\\\.* => \\\\",
        "\\Q.*\\E.* => \\Q.*\\E",
        "a\\p{L}.* => a\\p{L}",
        // Kept: anchored, flagged first, possessive, escaped, quoted, a control escape, a comment.
        "^.*x => ^.*x",
        "(?s).*x => (?s).*x",
        "a|.*x => a|.*x",
        ".*+x => .*+x",
        "\\.* => \\.*",
        "a\\Q.* => a\\Q.*",
        "a\\c.* => a\\c.*",
        "(?x)a#.* => (?x)a#.*",
    })
    void stripsOnlyProvableOuterDotStars(String pattern, String expected) {
        assertThat(DotStars.strip(pattern)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        ".*x", ".*?x", ".*.*x", ".*x.*", "x.*", ".*", ".*?", ".*a|x", "a|.*", "a|.*x", ".*|x", ".*^x", ".*^a", ".*x$",
        ".*a$", "^x.*", ".*\\bx", ".*(?s)x", "(?s).*x", ".*(?<=a)x", ".*(x)\\1", ".*(?=x)", ".*ax.*", ".*x\\n", "(?m).*^x",
        ".*?a.*?x.*?", "a.*x", ".*[^a]x", ".*(?:a|x\\r)", "\\\\.*", ".*\\x{2028}",
    })
    void findAnswersTheSameWithAndWithoutTheRewrite(String pattern) {
        Pattern original = Pattern.compile(pattern);
        Pattern stripped = Pattern.compile(DotStars.strip(pattern));
        GoRegex regex = GoRegex.compile(pattern);

        for (String text : TEXTS) {
            boolean expected = original.matcher(text).find();
            assertThat(stripped.matcher(text).find()).as("%s on %s", pattern, escaped(text)).isEqualTo(expected);
            assertThat(regex.matches(text)).as("GoRegex %s on %s", pattern, escaped(text)).isEqualTo(expected);
        }
    }

    private static List<String> texts(String alphabet, int maxLength) {
        List<String> texts = new ArrayList<>(List.of(""));
        for (int start = 0, length = 1; length <= maxLength; length++) {
            int end = texts.size();
            for (int i = start; i < end; i++) {
                for (char c : alphabet.toCharArray()) {
                    texts.add(texts.get(i) + c);
                }
            }
            start = end;
        }
        return texts;
    }

    private static String escaped(String text) {
        return text.replace("\n", "\\n").replace("\r", "\\r").replace("\u2028", "\\u2028");
    }
}
