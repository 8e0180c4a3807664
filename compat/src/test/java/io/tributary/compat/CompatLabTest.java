package io.tributary.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatLabTest {
    private static final AllowList ALLOW = AllowList.parse("""
            ## Allowed differences
            | scenario | path pattern | reason |
            | --- | --- | --- |
            | fixed | `*.message` | wording |
            """);

    @TempDir
    Path root;

    /** A scenario that finds what it is given: the report, not the finding, is under test here. */
    private record Fixed(List<Difference> differences) implements Scenario {
        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public Outcome run(Lab lab) {
            return new Outcome(differences, List.of("one note"));
        }
    }

    @Test
    void onlyAllowedDifferencesPassAndAreCounted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        boolean passed = CompatLab.runAndReport(new Lab(root), ALLOW,
                new Fixed(List.of(new Difference("a.message", "x", "y"))), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(passed).isTrue();
        assertThat(out.toString(StandardCharsets.UTF_8)).startsWith("PASS fixed (ALLOWED 1)").contains("note: one note");
        assertThat(Files.readAllLines(root.resolve("compat/target/lab/fixed/report/differences.txt")))
                .containsExactly("ALLOWED a.message: otelcol x, tributary y", "NOTE one note");
    }

    @Test
    void anyOtherDifferenceFailsAndTheFirstOnesArePrinted() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        List<Difference> found = List.of(new Difference("a.message", "x", "y"), new Difference("a.status", "400", "500"));

        boolean passed = CompatLab.runAndReport(new Lab(root), ALLOW, new Fixed(found), new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(passed).isFalse();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("FAIL fixed: 1 differences (ALLOWED 1)")
                .contains("  a.status: otelcol 400, tributary 500");
    }
}
