package io.tributary.processor.filterspan;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.processor.filterset.RegexpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SpanMatcherTest {
    private static final Resource RESOURCE = Resource.newBuilder()
            .addAttributes(attribute("service.name", "svc-a"))
            .addAttributes(attribute("region", "eu"))
            .addAttributes(attribute("count", AnyValue.newBuilder().setIntValue(42).build()))
            .addAttributes(attribute("ratio", AnyValue.newBuilder().setDoubleValue(0.5).build()))
            .build();
    private static final InstrumentationScope SCOPE = InstrumentationScope.newBuilder().setName("io.lib").setVersion("1.2.3").build();
    private static final Span SPAN = Span.newBuilder()
            .setName("GET /users")
            .setKind(Span.SpanKind.SPAN_KIND_SERVER)
            .addAttributes(attribute("http.method", "GET"))
            .addAttributes(attribute("http.status_code", AnyValue.newBuilder().setIntValue(200).build()))
            .addAttributes(attribute("retry", AnyValue.newBuilder().setBoolValue(false).build()))
            .addAttributes(attribute("user", "alice"))
            .build();

    /** Each row: an {@code include} section in flow YAML, and whether the fixture span matches it. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {match_type: strict, services: [svc-a]}                                                   | true
            {match_type: strict, services: [svc, other]}                                              | false
            {match_type: strict, services: [other, svc-a]}                                            | true
            {match_type: strict, span_names: ['GET /users']}                                          | true
            {match_type: strict, span_names: [GET]}                                                   | false
            {match_type: strict, span_kinds: [SPAN_KIND_SERVER]}                                      | true
            {match_type: strict, span_kinds: [SPAN_KIND_CLIENT]}                                      | false
            {match_type: strict, attributes: [{key: http.method}]}                                    | true
            {match_type: strict, attributes: [{key: missing}]}                                        | false
            {match_type: strict, attributes: [{key: http.method, value: GET}]}                        | true
            {match_type: strict, attributes: [{key: http.method, value: get}]}                        | false
            {match_type: strict, attributes: [{key: http.status_code, value: 200}]}                   | true
            {match_type: strict, attributes: [{key: http.status_code, value: '200'}]}                 | false
            {match_type: strict, attributes: [{key: retry, value: false}]}                            | true
            {match_type: strict, attributes: [{key: http.method, value: GET}, {key: user, value: bob}]} | false
            {match_type: strict, resources: [{key: region, value: eu}]}                               | true
            {match_type: strict, resources: [{key: region, value: us}]}                               | false
            {match_type: strict, resources: [{key: count, value: 42}, {key: ratio, value: 0.5}]}      | true
            {match_type: strict, resources: [{key: count, value: 42.0}]}                              | false
            {match_type: strict, libraries: [{name: io.lib}]}                                         | true
            {match_type: strict, libraries: [{name: io.lib, version: 1.2.3}]}                         | true
            {match_type: strict, libraries: [{name: io.lib, version: ''}]}                            | false
            {match_type: strict, libraries: [{name: other}]}                                          | false
            {match_type: strict, libraries: [{name: io.lib}, {name: other}]}                          | false
            {match_type: strict, services: [svc-a], span_names: [other]}                              | false
            {match_type: regexp, services: ['svc-.*']}                                                | true
            {match_type: regexp, services: ['vc-']}                                                   | true
            {match_type: regexp, services: ['^svc$']}                                                 | false
            {match_type: regexp, span_names: ['^GET']}                                                | true
            {match_type: regexp, span_names: [POST, 'users$']}                                        | true
            {match_type: regexp, span_names: [POST]}                                                  | false
            {match_type: regexp, span_kinds: [SERVER]}                                                | true
            {match_type: regexp, span_kinds: [CLIENT]}                                                | false
            {match_type: regexp, attributes: [{key: user, value: '^ali'}]}                            | true
            {match_type: regexp, attributes: [{key: user, value: '^bob'}]}                            | false
            {match_type: regexp, attributes: [{key: http.status_code, value: '^2\\d\\d$'}]}           | true
            {match_type: regexp, attributes: [{key: retry, value: '^false$'}]}                        | true
            {match_type: regexp, attributes: [{key: missing, value: '.*'}]}                           | false
            {match_type: regexp, resources: [{key: ratio, value: '^0\\.5$'}]}                         | true
            {match_type: regexp, resources: [{key: region, value: 'u'}]}                              | true
            {match_type: regexp, libraries: [{name: 'io\\..*', version: '^1\\.'}]}                    | true
            {match_type: regexp, libraries: [{name: 'io\\..*', version: '^2\\.'}]}                    | false
            """)
    void matchesEachPropertyAsOtelcolDoes(String include, boolean expected) {
        SpanMatcher matcher = SpanMatcher.of(properties(include), null);

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isEqualTo(expected);
    }

    @Test
    void servicesCompareAPlaceholderWhenTheResourceHasNoServiceName() {
        SpanMatcher matcher = SpanMatcher.of(properties("{match_type: regexp, services: ['^<nil-service-name>$']}"), null);

        assertThat(matcher.selects(Resource.getDefaultInstance(), SCOPE, SPAN)).isTrue();
    }

    @Test
    void spanWithoutAttributesFailsAnAttributeCondition() {
        SpanMatcher matcher = SpanMatcher.of(properties("{match_type: regexp, attributes: [{key: user}]}"), null);

        assertThat(matcher.selects(RESOURCE, SCOPE, Span.getDefaultInstance())).isFalse();
    }

    @Test
    void noSectionsSelectsEverySpan() {
        assertThat(SpanMatcher.of(null, null).selects(RESOURCE, SCOPE, SPAN)).isTrue();
    }

    @Test
    void excludeAloneDropsMatchingSpans() {
        SpanMatcher matcher = SpanMatcher.of(null, properties("{match_type: strict, services: [svc-a]}"));

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isFalse();
        assertThat(matcher.selects(Resource.getDefaultInstance(), SCOPE, SPAN)).isTrue();
    }

    @Test
    void excludeWinsOverInclude() {
        SpanMatcher matcher = SpanMatcher.of(
                properties("{match_type: strict, services: [svc-a]}"),
                properties("{match_type: strict, span_names: ['GET /users']}"));

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isFalse();
        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN.toBuilder().setName("POST /users").build())).isTrue();
    }

    @Test
    void includeThatDoesNotMatchDeselects() {
        SpanMatcher matcher = SpanMatcher.of(
                properties("{match_type: strict, services: [other]}"),
                properties("{match_type: strict, span_names: [nothing]}"));

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isFalse();
    }

    /** Each row: a section that otelcol refuses, and a piece of the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {span_names: [a]}                                                      | match_type is required
            {match_type: strict}                                                   | at least one of
            {match_type: strict, services: []}                                     | at least one of
            {match_type: bogus, services: [a]}                                     | unknown value 'bogus'
            {match_type: strict, span_kinds: [SERVER]}                             | span_kinds string must match one of the standard span kinds
            {match_type: strict, attributes: [{value: x}]}                         | can't have empty key
            {match_type: strict, log_bodies: [a], services: [a]}                   | log_bodies should not be specified for trace spans
            {match_type: strict, log_severity_texts: [a], services: [a]}           | log_severity_texts should not be specified
            {match_type: strict, log_severity_number: {min: 9}, services: [a]}     | log_severity_number should not be specified
            {match_type: strict, metric_names: [a], services: [a]}                 | metric_names should not be specified
            {match_type: regexp, regexp: {cachemaxnumentries: -1}, services: [a]}  | cachemaxnumentries must not be negative
            {match_type: strict, expressions: [a]}                                 | unknown key 'expressions'
            """)
    void refusesWhatOtelcolRefuses(String section, String message) {
        assertThatThrownBy(() -> properties(section))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {match_type: regexp, span_names: ['(']}                                | include: invalid regexp '('
            {match_type: regexp, libraries: [{name: a, version: '['}]}              | include: invalid regexp '['
            {match_type: regexp, attributes: [{key: a, value: 1}]}                 | match_type=regexp for "a" only supports Str, but found Int
            {match_type: regexp, resources: [{key: a, value: [x]}]}                | only supports Str, but found Slice
            """)
    void refusesPatternsItCannotUse(String section, String message) {
        MatchProperties include = properties(section);

        assertThatThrownBy(() -> SpanMatcher.of(include, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void acceptsOtelcolsRegexpCacheOptions() {
        MatchProperties bound = properties("{match_type: regexp, regexp: {cacheenabled: true, cachemaxnumentries: 10}, services: [a]}");

        assertThat(bound.regexp()).isEqualTo(new RegexpConfig(true, 10));
    }

    private static MatchProperties properties(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "processors::attributes::include", MatchProperties.class, null);
    }
}
