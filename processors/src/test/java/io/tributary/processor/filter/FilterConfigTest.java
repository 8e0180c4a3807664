package io.tributary.processor.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.config.Problems;
import io.tributary.core.data.Signal;
import io.tributary.processor.ottl.ErrorMode;
import io.tributary.processor.ottl.OttlContext;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Binding the filter's settings from YAML, and every problem reported with its key path and line. */
class FilterConfigTest {
    @Test
    void defaultsAsOtelcol() {
        FilterConfig config = bind("{}");

        assertThat(config.errorMode()).isEqualTo(ErrorMode.IGNORE);
        assertThat(config.spans().isSet()).isFalse();
        assertThat(config.traces().isSet()).isFalse();
        assertThat(config.traceConditions()).isEmpty();
    }

    @Test
    void bindsBothTraceConditionsStyles() {
        FilterConfig config = bind("""
                error_mode: silent
                trace_conditions:
                  - context: spanevent
                    error_mode: propagate
                    conditions: ['name == "x"']
                """);
        FilterConfig basic = bind("trace_conditions: ['span.name == \"x\"']");

        assertThat(config.errorMode()).isEqualTo(ErrorMode.SILENT);
        assertThat(config.traceConditions()).singleElement()
                .satisfies(group -> assertThat(group.context()).isEqualTo(OttlContext.SPANEVENT))
                .satisfies(group -> assertThat(group.errorMode()).isEqualTo(ErrorMode.PROPAGATE));
        assertThat(basic.traceConditions()).singleElement()
                .satisfies(group -> assertThat(group.compiled()).singleElement()
                        .satisfies(c -> assertThat(c.context()).isEqualTo(OttlContext.SPAN)));
    }

    @Test
    void anUnsupportedFunctionIsReportedAtItsConditionsKeyPathAndLine() {
        assertThat(errors("""
                error_mode: ignore
                traces:
                  span:
                    - 'name == "a"'
                    - 'ParseJSON(attributes["body"]) == nil'
                """)).containsExactly("test.yaml:5: processors::filter::traces::span[1]: unsupported function 'ParseJSON' at column 1");
    }

    @Test
    void everyBadConditionIsReported() {
        assertThat(errors("""
                traces:
                  span: ['name ==', 'kind == SPAN_KIND_SERVR']
                  spanevent: ['span.events == nil']
                """)).containsExactly(
                "test.yaml:2: processors::filter::traces::span[0]: unexpected end of condition at column 8",
                "test.yaml:2: processors::filter::traces::span[1]: unknown enum 'SPAN_KIND_SERVR' at column 9",
                "test.yaml:3: processors::filter::traces::spanevent[0]: unsupported path 'span.events' at column 1");
    }

    @Test
    void aBasicTraceConditionIsReportedAtItsItem() {
        assertThat(errors("""
                trace_conditions:
                  - 'span.name == "a"'
                  - 'name == "b"'
                """)).containsExactly("test.yaml:3: processors::filter::trace_conditions[1]: "
                + "path 'name' must start with its context (resource, scope, span, spanevent, metric, datapoint or log) at column 1");
    }

    @Test
    void anAdvancedTraceConditionIsReportedWithItsIndex() {
        assertThat(errors("""
                trace_conditions:
                  - context: resource
                    conditions:
                      - 'attributes["a"] == nil'
                      - 'span.name == "x"'
                """)).containsExactly("test.yaml:2: processors::filter::trace_conditions[0]: "
                + "conditions[1]: path 'span.name' is not available in the resource context at column 1");
    }

    @Test
    void anUnknownContextIsNamed() {
        assertThat(errors("trace_conditions: [{context: profile, conditions: ['true']}]"))
                .singleElement().asString().contains("trace_conditions[0]::context: unknown value 'profile'");
        assertThat(errors("trace_conditions: [{context: log, conditions: ['true']}]")).singleElement().asString()
                .contains("processors::filter: unknown context \"log\" for conditions: [true]");
    }

    @Test
    void aConditionWhoseInferredContextIsAnotherSignalsIsRefused() {
        assertThat(errors("metric_conditions: ['span.name == \"a\"']")).singleElement().asString()
                .contains("processors::filter: context \"span\" inferred from the conditions [\"span.name == \\\"a\\\"\"] is not a "
                        + "supported context: [\"metric\" \"datapoint\" \"resource\" \"scope\"]");
        assertThat(errors("log_conditions: [{conditions: ['log.body == nil', 'datapoint.flags == 0']}]")).singleElement().asString()
                .contains("context \"datapoint\" inferred from the conditions [\"datapoint.flags == 0\"] is not a supported context: "
                        + "[\"log\" \"resource\" \"scope\"]");
    }

    @Test
    void ottlAndLegacySpanSettingsCannotBeMixed() {
        assertThat(errors("""
                spans:
                  exclude: {match_type: strict, span_names: [a]}
                traces:
                  span: ['name == "b"']
                """)).singleElement().asString().contains("processors::filter: cannot use \"traces.resource\", \"traces.span\", "
                + "\"traces.spanevent\" and the span settings \"spans.include\", \"spans.exclude\" at the same time");
    }

    @Test
    void traceConditionsAndTracesCannotBeMixed() {
        assertThat(errors("""
                trace_conditions: ['span.name == "a"']
                traces: {span: ['name == "b"']}
                """)).singleElement().asString().contains("cannot use context inferred trace conditions \"trace_conditions\"");
    }

    @Test
    void aLegacyRegexpThatDoesNotCompileIsRefusedForATracesPipelineAtItsSection() {
        FilterConfig config = bind("spans: {exclude: {match_type: regexp, span_names: ['(']}}");

        assertThatThrownBy(() -> new FilterProcessorFactory().checkFor(Signal.TRACES, config))
                .isInstanceOf(Problems.Invalid.class)
                .satisfies(e -> assertThat(((Problems.Invalid) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.key()).isEqualTo("spans::exclude"))
                        .satisfies(p -> assertThat(p.message()).startsWith("invalid regexp '('")));
        new FilterProcessorFactory().checkFor(Signal.LOGS, config);
    }

    @Test
    void legacyMetricExpressionsAreRefusedForAMetricsPipelineOnly() {
        FilterConfig config = bind("metrics: {include: {match_type: expr, expressions: ['MetricName == \"m\"']}}");

        assertThatThrownBy(() -> new FilterProcessorFactory().checkFor(Signal.METRICS, config))
                .isInstanceOf(Problems.Invalid.class)
                .satisfies(e -> assertThat(((Problems.Invalid) e).problems()).singleElement()
                        .satisfies(p -> assertThat(p.key()).isEqualTo("metrics::include::match_type")));
        new FilterProcessorFactory().checkFor(Signal.TRACES, config);
    }

    @Test
    void legacyLogSectionsAreCheckedAsOtelcolsFilterlog() {
        FilterConfig config = bind("logs: {include: {match_type: regexp, record_attributes: [{key: k, value: 1}]}}");

        assertThatThrownBy(() -> new FilterProcessorFactory().checkFor(Signal.LOGS, config))
                .isInstanceOf(Problems.Invalid.class)
                .hasMessageContaining("logs::include: match_type=regexp for \"k\" only supports Str, but found Int");
    }

    @Test
    void anUnknownErrorModeIsNamed() {
        assertThat(errors("error_mode: loud")).singleElement().asString()
                .contains("processors::filter::error_mode: unknown value 'loud'");
    }

    @Test
    void bindsTheMetricsAndLogsSectionsOfOtelcolsFilter() {
        FilterConfig config = bind("""
                metrics:
                  resource: ['attributes["host.name"] == "a"']
                  metric: ['name == "m" and type == METRIC_DATA_TYPE_SUM', 'HasAttrKeyOnDatapoint("k")']
                  datapoint: ['metric.name == "m" and attributes["k"] == "v"']
                logs:
                  exclude:
                    match_type: regexp
                    resource_attributes: [{key: host.name, value: web-.*}]
                    record_attributes: [{key: level}]
                    severity_texts: ['^DEBUG']
                    severity_number: {min: warn2, match_undefined: true}
                    bodies: ['health']
                """);
        FilterConfig legacyMetrics = bind("""
                metrics:
                  include: {match_type: expr, expressions: ['MetricName == "m"']}
                  exclude: {match_type: regexp, metric_names: ['^tmp\\.'], resource_attributes: [{key: k, value: v}]}
                  regexp: {cacheenabled: true, cachemaxnumentries: 10}
                logs:
                  log_record: ['severity_number < SEVERITY_NUMBER_WARN', 'IsMatch(body, "x") and Len(body) > 3']
                """);

        assertThat(config.metrics().metric()).extracting(Object::toString)
                .containsExactly("name == \"m\" and type == METRIC_DATA_TYPE_SUM", "HasAttrKeyOnDatapoint(\"k\")");
        assertThat(config.logs().exclude().severityNumber().min()).isEqualTo("warn2");
        assertThat(legacyMetrics.metrics().include().matchType()).isEqualTo(MetricFilters.MetricMatchType.EXPR);
        assertThat(legacyMetrics.logs().logRecord()).hasSize(2);
    }

    @Test
    void metricsAndLogsConditionsAreCheckedForSyntaxAtTheirKeyPath() {
        assertThat(errors("""
                metrics:
                  datapoint: ['attributes["k"] == ']
                logs:
                  resource: ['attributes["k"] = "v"']
                  log_record: ['body == "unterminated']
                """)).containsExactly(
                "test.yaml:2: processors::filter::metrics::datapoint[0]: unexpected end of condition at column 20",
                "test.yaml:4: processors::filter::logs::resource[0]: expected a comparison after path 'attributes' at column 17",
                "test.yaml:5: processors::filter::logs::log_record[0]: unterminated string at column 9");
    }

    @Test
    void metricsAndLogsConditionsAreCompiledForTheirContext() {
        assertThat(errors("""
                metrics:
                  metric: ['HasAttrOnDatapoint("k")', 'attributes["k"] == nil']
                  datapoint: ['HasAttrKeyOnDatapoint("k")']
                logs:
                  log_record: ['severity_number == SEVERITY_NUMBER_WARM', 'IsMatch(target = body, pattern = "x")']
                """)).containsExactly(
                "test.yaml:2: processors::filter::metrics::metric[0]: HasAttrOnDatapoint takes 2 arguments, got 1 at column 1",
                "test.yaml:2: processors::filter::metrics::metric[1]: unsupported path 'attributes' at column 1",
                "test.yaml:3: processors::filter::metrics::datapoint[0]: function 'HasAttrKeyOnDatapoint' is not available in the "
                        + "datapoint context, only in metric at column 1",
                "test.yaml:5: processors::filter::logs::log_record[0]: unknown enum 'SEVERITY_NUMBER_WARM' at column 20",
                "test.yaml:5: processors::filter::logs::log_record[1]: unsupported named argument 'target' at column 9");
    }

    @Test
    void metricsAndLogsReportOtelcolsChecks() {
        assertThat(errors("""
                metrics:
                  include: {match_type: strict, metric_names: [a]}
                  metric: ['name == "b"']
                """)).singleElement().asString().contains("processors::filter::metrics: cannot use \"metrics.resource\"");
        assertThat(errors("""
                logs:
                  exclude: {match_type: strict, bodies: [a]}
                  log_record: ['body == "b"']
                """)).singleElement().asString().contains("processors::filter::logs: cannot use \"logs.resource\"");
        assertThat(errors("logs: {include: {match_type: strict, severity_number: {min: LOUD}}}")).singleElement().asString()
                .contains("'LOUD' is not a valid severity");
        assertThat(errors("metrics: {exclude: {match_type: regexp, metric_names: ['(']}}")).singleElement().asString()
                .contains("processors::filter::metrics", "invalid regexp '('");
        assertThat(errors("metrics: {exclude: {metric_names: [a]}}")).singleElement().asString()
                .contains("match_type is required");
    }

    @Test
    void bindsTheOtherSignalsContextInferredConditionsAndProfiles() {
        FilterConfig config = bind("""
                metric_conditions:
                  - context: datapoint
                    conditions: ['attributes["k"] == "v"']
                    error_mode: silent
                log_conditions:
                  - 'log.severity_number < SEVERITY_NUMBER_WARN'
                profile_conditions:
                  - context: profile
                    conditions: ['duration_unix_nano > 0']
                """);
        FilterConfig profiles = bind("profiles: {resource: ['attributes[\"a\"] == nil'], profile: ['original_payload_format == \"pprof\"']}");

        assertThat(config.metricConditions()).singleElement().satisfies(group -> assertThat(group.context()).isEqualTo(OttlContext.DATAPOINT));
        assertThat(config.logConditions()).singleElement().satisfies(group -> assertThat(group.conditions()).hasSize(1));
        assertThat(config.profileConditions()).hasSize(1);
        assertThat(profiles.profiles().profile()).hasSize(1);
    }

    @Test
    void theOtherSignalsContextInferredConditionsAreCheckedAsOtelcolChecksThem() {
        assertThat(errors("""
                metric_conditions: ['metric.name == "m"']
                metrics: {metric: ['name == "m"']}
                """)).singleElement().asString().contains("cannot use context inferred metric conditions");
        assertThat(errors("log_conditions: [{context: span, conditions: ['name == \"x\"']}]")).singleElement().asString()
                .contains("unknown context \"span\" for conditions: [name == \"x\"]");
        assertThat(errors("profile_conditions: ['profile.duration_unix_nano >']")).singleElement().asString()
                .contains("processors::filter::profile_conditions[0]: unexpected end of condition");
    }

    static FilterConfig bind(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "processors::filter", FilterConfig.class, FilterConfig.DEFAULT);
    }

    private static List<String> errors(String yaml) {
        try {
            bind(yaml);
        } catch (ConfigException e) {
            return e.errors().stream().map(ConfigError::toString).toList();
        }
        throw new AssertionError("expected config errors");
    }
}
