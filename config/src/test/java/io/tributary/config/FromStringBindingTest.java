package io.tributary.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Types built from a scalar through a {@link FromString} factory, with the factory's errors at the scalar's path and line. */
class FromStringBindingTest {
    /** Only upper-case words; a stand-in for a parsed expression. */
    static final class Word {
        final String text;

        private Word(String text) {
            this.text = text;
        }

        @FromString
        public static Word parse(String text) {
            if (!text.equals(text.toUpperCase())) {
                throw new IllegalArgumentException("not upper case: " + text);
            }
            return new Word(text);
        }
    }

    /** A record that may also be written as a bare string. */
    record Rule(String name, int weight) {
        @FromString
        public static Rule parse(String name) {
            return new Rule(name, 1);
        }
    }

    record Settings(List<Word> words, List<Rule> rules, Word single) {
    }

    @Test
    void buildsEachScalarThroughTheFactory() {
        Settings settings = bind("""
                words: [A, B]
                rules: [short, {name: long, weight: 5}]
                single: C
                """);

        assertThat(settings.words()).extracting(w -> w.text).containsExactly("A", "B");
        assertThat(settings.rules()).containsExactly(new Rule("short", 1), new Rule("long", 5));
        assertThat(settings.single().text).isEqualTo("C");
    }

    @Test
    void reportsEachFactoryErrorAtItsItem() {
        assertThatThrownBy(() -> bind("""
                words:
                  - A
                  - b
                single: c
                """))
                .isInstanceOf(ConfigException.class)
                .hasMessage("test.yaml:3: section::words[1]: not upper case: b\ntest.yaml:4: section::single: not upper case: c");
    }

    @Test
    void aTypeWithOnlyAFactoryNeedsAScalar() {
        assertThatThrownBy(() -> bind("single: {x: 1}"))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining("section::single: expected a string");
    }

    private static Settings bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "section", Settings.class, null);
    }
}
