package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class AllowListTest {
    private static final String DOC = """
            # Title

            ## Allowed differences

            Some words.

            | scenario | path pattern | reason |
            | --- | --- | --- |
            | `bad-input` | `*.message` | Error texts differ. |
            | health-check | body.exact | Exact match only. |

            ## Differences found

            | scenario | path pattern | reason |
            | --- | --- | --- |
            | `otlp-receiver` | `*` | Not part of the allow-list. |
            """;

    @Test
    void readsTheRowsOfItsOwnSectionOnly() {
        AllowList list = AllowList.parse(DOC);

        assertThat(list.entries()).extracting(AllowList.Entry::scenario).containsExactly("bad-input", "health-check");
        assertThat(list.entries().get(0).reason()).isEqualTo("Error texts differ.");
        assertThat(list.allows("otlp-receiver", new Difference("anything", "1", "2"))).isFalse();
    }

    @Test
    void aStarMatchesAnyRunOfCharactersAndTheRestLiterally() {
        AllowList list = AllowList.parse(DOC);

        assertThat(list.allows("bad-input", new Difference("http.wrong-path.body.message", "a", "b"))).isTrue();
        assertThat(list.allows("bad-input", new Difference("http.wrong-path.status", "404", "400"))).isFalse();
        assertThat(list.allows("health-check", new Difference("body.exact", "a", "b"))).isTrue();
        assertThat(list.allows("health-check", new Difference("bodyXexact", "a", "b"))).isFalse();
        assertThat(list.allows("health-check", new Difference("body.exact.more", "a", "b"))).isFalse();
    }

    @Test
    void aDocumentWithoutTheSectionIsAnError() {
        assertThatThrownBy(() -> AllowList.parse("# Nothing\n")).hasMessageContaining(AllowList.HEADING);
    }

    @Test
    void aRowWithoutThreeCellsIsAnError() {
        assertThatThrownBy(() -> AllowList.parse("x\n## Allowed differences\n| a | b | c |\n|---|---|---|\n| only | two |\n"))
                .hasMessageContaining("3 cells");
    }

    @Test
    void theProjectsOwnDocumentParses() throws Exception {
        // The surefire working directory is the module's: the document is one level up.
        AllowList list = AllowList.read(Path.of("../docs/COMPATIBILITY.md"));

        assertThat(list.entries()).allSatisfy(entry -> assertThat(CompatLab.SCENARIOS)
                .as("allow-list rows name existing scenarios").anyMatch(s -> s.name().equals(entry.scenario())));
    }
}
