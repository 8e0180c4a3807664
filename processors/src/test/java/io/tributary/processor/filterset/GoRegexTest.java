package io.tributary.processor.filterset;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import org.junit.jupiter.api.Test;

class GoRegexTest {
    @Test
    void findsAMatchAnywhereLikeGosMatchString() {
        assertThat(GoRegex.compile("b+").matches("abbc")).isTrue();
        assertThat(GoRegex.compile("^b").matches("abbc")).isFalse();
    }

    @Test
    void matchesWithoutOuterDotStarsButKeepsThemForGroups() {
        GoRegex regex = GoRegex.compile(".*/(?P<check>health).*");

        assertThat(regex.findPattern()).isEqualTo("/(?<g1>health)");
        Matcher matcher = regex.matcher("GET /health?x");
        assertThat(matcher.find()).isTrue();
        assertThat(matcher.group()).isEqualTo("GET /health?x");
        assertThat(regex.matches("GET /health?x")).isTrue();
    }

    @Test
    void acceptsGoGroupNamesWithUnderscoresAndKeepsThem() {
        GoRegex regex = GoRegex.compile("^/api/(?P<api_version>v\\d)/(?<doc_id>[^/]+)$");

        Matcher matcher = regex.matcher("/api/v1/abc");

        assertThat(matcher.find()).isTrue();
        assertThat(regex.groupNames()).containsExactly("api_version", "doc_id");
        assertThat(matcher.group(1)).isEqualTo("v1");
        assertThat(matcher.group(2)).isEqualTo("abc");
    }

    @Test
    void countsUnnamedCapturingGroupsButNotOtherParentheses() {
        GoRegex regex = GoRegex.compile("(?i)(?:x)(a)[(]\\((?P<b>b)(?=c)");

        assertThat(regex.groupNames()).containsExactly("", "b");
    }
}
