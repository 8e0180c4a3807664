package io.tributary.receiver.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Each action on one label set; every expected result is what Prometheus' {@code relabel}
 * package (v3, as otelcol v0.148 embeds it) gives for the same rule and labels.
 */
class RelabelingTest {
    private static final Map<String, String> LABELS = Map.of("__name__", "http_requests_total", "a", "foo", "b", "bar", "__meta_x_y", "z");

    private static RelabelConfig rule(String action, List<String> sources, String regex, String target, String replacement, long modulus) {
        return new RelabelConfig(sources, ";", regex == null ? RelabelConfig.DEFAULT_REGEX : regex, modulus, target,
                replacement == null ? RelabelConfig.DEFAULT_REPLACEMENT : replacement, action);
    }

    private static SortedMap<String, String> apply(RelabelConfig... rules) {
        SortedMap<String, String> labels = new TreeMap<>(LABELS);
        return Relabeling.of(List.of(rules)).apply(labels) ? labels : null;
    }

    private static SortedMap<String, String> with(String... pairs) {
        SortedMap<String, String> labels = new TreeMap<>(LABELS);
        for (int i = 0; i < pairs.length; i += 2) {
            labels.put(pairs[i], pairs[i + 1]);
        }
        return labels;
    }

    @Test
    void replaceJoinsSourcesWithTheSeparatorAndExpandsGroups() {
        assertThat(apply(rule("replace", List.of("a", "b"), "(f.*);(.*)", "c", "$2-$1", 0))).isEqualTo(with("c", "bar-foo"));
        assertThat(apply(rule("replace", List.of("a"), "(fo)(o)", "c", "${1}x", 0))).isEqualTo(with("c", "fox"));
        assertThat(apply(rule("replace", List.of("a"), "(?P<first>f)o*", "c", "${first}!$$", 0))).isEqualTo(with("c", "f!$"));
        assertThat(apply(rule("replace", List.of("a"), "(.*)", "t_$1", "v", 0))).isEqualTo(with("t_foo", "v"));
    }

    @Test
    void replaceReadsDollarOneXAsTheMissingGroupOneXAsGoDoes() {
        // $1x names a group "1x", which does not exist: the value is empty and the label is not set.
        assertThat(apply(rule("replace", List.of("a"), "(fo)(o)", "c", "$1x", 0))).isEqualTo(with());
    }

    @Test
    void regexIsAnchoredAtBothEnds() {
        assertThat(apply(rule("replace", List.of("a"), "fo", "c", "x", 0))).isEqualTo(with());
        assertThat(apply(rule("keep", List.of("a"), "[[:alpha:]]+", null, null, 0))).isEqualTo(with());
    }

    @Test
    void anEmptyReplacementRemovesTheTarget() {
        SortedMap<String, String> expected = with();
        expected.remove("b");
        assertThat(apply(rule("replace", List.of("a"), "foo", "b", "$2", 0))).isEqualTo(expected);
    }

    @Test
    void replaceWithNothingToMatchSetsTheReplacementAsWritten() {
        assertThat(apply(rule("replace", List.of(), null, "env", "prod", 0))).isEqualTo(with("env", "prod"));
    }

    @Test
    void keepAndDropDecideOnTheWholeSet() {
        assertThat(apply(rule("keep", List.of("__name__"), "http_.*", null, null, 0))).isEqualTo(with());
        assertThat(apply(rule("drop", List.of("__name__"), "http_.*", null, null, 0))).isNull();
        assertThat(apply(rule("keepequal", List.of("a"), null, "b", null, 0))).isNull();
        assertThat(apply(rule("dropequal", List.of("a"), null, "b", null, 0))).isEqualTo(with());
    }

    @Test
    void hashmodTakesTheLastEightBytesOfTheMd5() {
        assertThat(apply(rule("hashmod", List.of("a"), null, "shard", null, 10))).isEqualTo(with("shard", "6"));
        assertThat(apply(rule("hashmod", List.of("a", "b"), null, "shard", null, 7))).isEqualTo(with("shard", "6"));
    }

    @Test
    void labelmapLabeldropLabelkeepWorkOnNames() {
        assertThat(apply(rule("labelmap", List.of(), "__meta_(.+)", "", null, 0))).isEqualTo(with("x_y", "z"));
        assertThat(apply(rule("labeldrop", List.of(), "a|b", "", null, 0)))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("__meta_x_y", "z", "__name__", "http_requests_total")));
        assertThat(apply(rule("labelkeep", List.of(), "__name__|a", "", null, 0)))
                .containsExactlyEntriesOf(new TreeMap<>(Map.of("__name__", "http_requests_total", "a", "foo")));
    }

    @Test
    void caseActions() {
        assertThat(apply(rule("uppercase", List.of("a"), null, "upper", null, 0))).isEqualTo(with("upper", "FOO"));
        assertThat(apply(rule("Lowercase", List.of("b"), null, "lower", null, 0))).isEqualTo(with("lower", "bar"));
    }

    @Test
    void rulesRunInOrderAndStopAtADrop() {
        assertThat(apply(rule("replace", List.of("a"), "(.*)", "c", "$1", 0), rule("drop", List.of("c"), "foo", null, null, 0),
                rule("replace", List.of(), null, "never", "set", 0))).isNull();
    }

    @Test
    void invalidRulesAreRefusedInPrometheusWords() {
        assertThatThrownBy(() -> rule("shuffle", List.of(), null, "", null, 0)).hasMessageContaining("unknown relabel action \"shuffle\"");
        assertThatThrownBy(() -> rule("hashmod", List.of("a"), null, "s", null, 0))
                .hasMessageContaining("relabel configuration for hashmod requires non-zero modulus");
        assertThatThrownBy(() -> rule("replace", List.of("a"), null, "", null, 0))
                .hasMessageContaining("relabel configuration for replace action requires 'target_label' value");
        assertThatThrownBy(() -> rule("labeldrop", List.of("a"), "x", "", null, 0))
                .hasMessageContaining("labeldrop action requires only 'regex', and no other fields");
        assertThatThrownBy(() -> rule("keep", List.of("a"), "(unclosed", "", null, 0)).hasMessageContaining("error parsing regexp");
    }
}
