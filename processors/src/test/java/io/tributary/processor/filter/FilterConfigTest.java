package io.tributary.processor.filter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.Binder;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
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
                + "path 'name' must start with its context (resource, scope, span or spanevent) at column 1");
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
        assertThat(errors("trace_conditions: [{context: log, conditions: ['true']}]"))
                .singleElement().asString().contains("trace_conditions[0]::context: unknown value 'log'");
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
    void aLegacyRegexpThatDoesNotCompileIsAConfigError() {
        assertThat(errors("""
                spans:
                  exclude: {match_type: regexp, span_names: ['(']}
                """)).singleElement().asString().contains("processors::filter: exclude: ");
    }

    @Test
    void anUnknownErrorModeIsNamed() {
        assertThat(errors("error_mode: loud")).singleElement().asString()
                .contains("processors::filter::error_mode: unknown value 'loud'");
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
