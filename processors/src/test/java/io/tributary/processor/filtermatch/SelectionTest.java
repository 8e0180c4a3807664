package io.tributary.processor.filtermatch;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.config.Problems;
import io.tributary.core.data.Signal;
import io.tributary.processor.filterset.RegexpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SelectionTest {
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
        Selection<Span> matcher = Selection.spans(properties(include), null);

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isEqualTo(expected);
    }

    @Test
    void servicesCompareAPlaceholderWhenTheResourceHasNoServiceName() {
        Selection<Span> matcher = Selection.spans(properties("{match_type: regexp, services: ['^<nil-service-name>$']}"), null);

        assertThat(matcher.selects(Resource.getDefaultInstance(), SCOPE, SPAN)).isTrue();
    }

    @Test
    void spanWithoutAttributesFailsAnAttributeCondition() {
        Selection<Span> matcher = Selection.spans(properties("{match_type: regexp, attributes: [{key: user}]}"), null);

        assertThat(matcher.selects(RESOURCE, SCOPE, Span.getDefaultInstance())).isFalse();
    }

    @Test
    void noSectionsSelectsEverySpan() {
        assertThat(Selection.spans(null, null).selects(RESOURCE, SCOPE, SPAN)).isTrue();
    }

    @Test
    void excludeAloneDropsMatchingSpans() {
        Selection<Span> matcher = Selection.spans(null, properties("{match_type: strict, services: [svc-a]}"));

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isFalse();
        assertThat(matcher.selects(Resource.getDefaultInstance(), SCOPE, SPAN)).isTrue();
    }

    @Test
    void excludeWinsOverInclude() {
        Selection<Span> matcher = Selection.spans(
                properties("{match_type: strict, services: [svc-a]}"),
                properties("{match_type: strict, span_names: ['GET /users']}"));

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isFalse();
        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN.toBuilder().setName("POST /users").build())).isTrue();
    }

    @Test
    void includeThatDoesNotMatchDeselects() {
        Selection<Span> matcher = Selection.spans(
                properties("{match_type: strict, services: [other]}"),
                properties("{match_type: strict, span_names: [nothing]}"));

        assertThat(matcher.selects(RESOURCE, SCOPE, SPAN)).isFalse();
    }

    /** Each row: a section that does not bind, and a piece of the message. */
    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            {span_names: [a]}                                                      | match_type is required
            {match_type: bogus, services: [a]}                                     | unknown value 'bogus'
            {match_type: strict, attributes: [{value: x}]}                         | can't have empty key
            {match_type: regexp, regexp: {cachemaxnumentries: -1}, services: [a]}  | cachemaxnumentries must not be negative
            {match_type: strict, expressions: [a]}                                 | unknown key 'expressions'
            {match_type: strict, log_severity_number: {min: WARN}}                 | log_severity_number::min
            """)
    void refusesWhatDoesNotBind(String section, String message) {
        assertThatThrownBy(() -> properties(section))
                .isInstanceOf(ConfigException.class)
                .hasMessageContaining(message);
    }

    /** Each row: a signal, a section otelcol's factory refuses for it, and its message. */
    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            TRACES  | {match_type: strict}                                           | at least one of "attributes", "libraries",  or "resources" field must be specified
            TRACES  | {match_type: strict, services: []}                             | at least one of "attributes", "libraries",  or "resources" field must be specified
            TRACES  | {match_type: strict, span_kinds: [SERVER]}                     | span_kinds string must match one of the standard span kinds when match_type=strict: [SPAN_KIND_CLIENT, SPAN_KIND_CONSUMER, SPAN_KIND_INTERNAL, SPAN_KIND_PRODUCER, SPAN_KIND_SERVER]
            TRACES  | {match_type: strict, log_bodies: [a], services: [a]}           | log_bodies should not be specified for trace spans
            TRACES  | {match_type: strict, log_severity_texts: [a], services: [a]}   | log_severity_texts should not be specified for trace spans
            TRACES  | {match_type: strict, log_severity_number: {min: 9}, services: [a]} | log_severity_number should not be specified for trace spans
            TRACES  | {match_type: strict, metric_names: [a], services: [a]}         | metric_names should not be specified for trace spans
            LOGS    | {match_type: strict, services: [a], log_bodies: [b]}           | services, span_names, span_kinds and metric_names are not valid for log records
            LOGS    | {match_type: strict, metric_names: [a]}                        | services, span_names, span_kinds and metric_names are not valid for log records
            LOGS    | {match_type: strict}                                           | at least one of "attributes", "libraries", "span_kinds", "resources", "log_bodies", "log_severity_texts" or "log_severity_number" field must be specified
            METRICS | {match_type: strict, attributes: [{key: a}], metric_names: [m]} | "span_names", "span_kinds", "log_bodies", "log_severity_texts", "log_severity_number", "services", "attributes" and "libraries" are not valid for metrics
            METRICS | {match_type: strict, log_severity_number: {min: 1}}            | "span_names", "span_kinds", "log_bodies", "log_severity_texts", "log_severity_number", "services", "attributes" and "libraries" are not valid for metrics
            METRICS | {match_type: strict}                                           | at least one of "metric_names" or "resources" field must be specified
            """)
    void refusesForASignalWhatOtelcolsFactoryRefuses(String signal, String section, String message) {
        MatchProperties properties = properties(section);

        assertThatThrownBy(() -> Selection.check(signal(signal), "", properties, null))
                .isInstanceOf(Problems.Invalid.class)
                .satisfies(e -> assertThat(((Problems.Invalid) e).problems()).containsExactly(new Problems.Problem("include", message)));
    }

    @Test
    void eachSignalTakesItsOwnKeys() {
        Selection.check(Signal.TRACES, "", properties("{match_type: strict, services: [a], span_kinds: [SPAN_KIND_CLIENT]}"), null);
        Selection.check(Signal.LOGS, "", properties("{match_type: strict, log_bodies: [a], libraries: [{name: x}]}"),
                properties("{match_type: regexp, log_severity_number: {min: 9, match_undefined: true}}"));
        Selection.check(Signal.METRICS, "", null, properties("{match_type: regexp, metric_names: ['^jvm'], resources: [{key: k}]}"));
    }

    @Test
    void checkNamesTheSectionUnderItsPath() {
        assertThatThrownBy(() -> Selection.check(Signal.TRACES, "spans::", null, properties("{match_type: regexp, span_names: ['(']}")))
                .isInstanceOf(Problems.Invalid.class)
                .satisfies(e -> assertThat(((Problems.Invalid) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.key()).isEqualTo("spans::exclude"))
                        .satisfies(p -> assertThat(p.message()).startsWith("invalid regexp '('")));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {match_type: strict, log_bodies: [disk full]}                                  | true
            {match_type: strict, log_bodies: [disk]}                                       | false
            {match_type: regexp, log_bodies: ['^disk']}                                    | true
            {match_type: strict, log_severity_texts: [WARN, ERROR]}                        | true
            {match_type: regexp, log_severity_texts: ['^E']}                               | false
            {match_type: strict, log_severity_number: {min: 13}}                           | true
            {match_type: strict, log_severity_number: {min: 17}}                           | false
            {match_type: strict, attributes: [{key: log.file.name, value: app.log}]}       | true
            {match_type: strict, resources: [{key: region, value: eu}]}                    | true
            {match_type: strict, libraries: [{name: io.lib, version: 1.2.3}]}              | true
            {match_type: strict, libraries: [{name: other}]}                               | false
            {match_type: strict, log_bodies: [disk full], attributes: [{key: missing}]}    | false
            """)
    void matchesLogRecordsAsOtelcolsFilterlog(String include, boolean expected) {
        LogRecord record = LogRecord.newBuilder().setBody(AnyValue.newBuilder().setStringValue("disk full"))
                .setSeverityText("WARN").setSeverityNumberValue(13).addAttributes(attribute("log.file.name", "app.log")).build();

        assertThat(Selection.logs(properties(include), null).selects(RESOURCE, SCOPE, record)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "min {0}, match_undefined {1}, severity {2} -> {3}")
    @CsvSource(textBlock = """
            9,  false, 0,  false
            9,  true,  0,  true
            9,  false, 8,  false
            9,  false, 9,  true
            9,  true,  24, true
            """)
    void severityNumberTakesUnspecifiedOnlyWhenAsked(int min, boolean matchUndefined, int severity, boolean expected) {
        MatchProperties include = properties("{match_type: strict, log_severity_number: {min: " + min + ", match_undefined: " + matchUndefined + "}}");

        assertThat(Selection.logs(include, null).selects(RESOURCE, SCOPE, LogRecord.newBuilder().setSeverityNumberValue(severity).build()))
                .isEqualTo(expected);
    }

    @Test
    void aNonStringBodyMatchesAsPdataWritesItAsText() {
        LogRecord record = LogRecord.newBuilder().setBody(AnyValue.newBuilder().setIntValue(42)).build();

        assertThat(Selection.logs(properties("{match_type: strict, log_bodies: ['42']}"), null).selects(RESOURCE, SCOPE, record)).isTrue();
    }

    @ParameterizedTest(name = "include {0}, exclude {1}")
    @CsvSource(delimiter = '|', textBlock = """
            {match_type: strict, metric_names: [jvm.memory]}        |                                                    | true
            {match_type: strict, metric_names: [jvm.threads]}       |                                                    | false
            {match_type: regexp, metric_names: ['^jvm\\.']}         | {match_type: strict, metric_names: [jvm.memory]}   | false
            {match_type: strict, resources: [{key: region, value: us}]} |                                                | true
            """)
    void matchesMetricsByNameOnlyAsOtelcolsFiltermetric(String include, String exclude, boolean expected) {
        Metric metric = Metric.newBuilder().setName("jvm.memory").build();

        assertThat(Selection.metrics(properties(include), exclude == null ? null : properties(exclude)).selects(RESOURCE, SCOPE, metric))
                .isEqualTo(expected);
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

        assertThatThrownBy(() -> Selection.spans(include, null))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void acceptsOtelcolsRegexpCacheOptions() {
        MatchProperties bound = properties("{match_type: regexp, regexp: {cacheenabled: true, cachemaxnumentries: 10}, services: [a]}");

        assertThat(bound.regexp()).isEqualTo(new RegexpConfig(true, 10));
    }

    private static Signal<?> signal(String name) {
        return name.equals("TRACES") ? Signal.TRACES : name.equals("LOGS") ? Signal.LOGS : Signal.METRICS;
    }

    private static MatchProperties properties(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "processors::attributes::include", MatchProperties.class, null);
    }
}
