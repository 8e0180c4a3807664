package io.tributary.processor.ottl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.trace.v1.Span;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Conditions evaluated against {@link Fixture}'s span; every row is checked both ways (true rows and false rows). */
class OttlConditionTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            // paths of the span context, with and without the span. prefix
            "name == \"GET /health\"                                      | true",
            "span.name == \"GET /health\"                                 | true",
            "name != \"GET /health\"                                      | false",
            "kind == SPAN_KIND_SERVER                                     | true",
            "kind == 2                                                    | true",
            "kind.string == \"Server\"                                    | true",
            "kind.deprecated_string == \"SPAN_KIND_SERVER\"               | true",
            "status.code == STATUS_CODE_ERROR                             | true",
            "status.message == \"boom\"                                   | true",
            "trace_id.string == \"0102030405060708090a0b0c0d0e0f10\"      | true",
            "trace_id == TraceID(0x0102030405060708090a0b0c0d0e0f10)      | true",
            "trace_id == TraceID(0x0102030405060708090a0b0c0d0e0f11)      | false",
            "span_id == SpanID(0xa1a2a3a4a5a6a7a8)                        | true",
            "parent_span_id == SpanID(0x0000000000000000)                 | true",
            "parent_span_id.string == \"0000000000000000\"                | true",
            "trace_id == 0x0102030405060708090a0b0c0d0e0f10               | false",
            "span_id == TraceID(0x0102030405060708090a0b0c0d0e0f10)       | false",
            "start_time_unix_nano == 1000                                 | true",
            "end_time_unix_nano - start_time_unix_nano > 2000             | true",
            "end_time_unix_nano - start_time_unix_nano >= 2500 * 2        | false",
            "(end_time_unix_nano - start_time_unix_nano) / 1000 == 2      | true",
            // an int with a float is float math, as otelcol's OTTL computes it
            "attributes[\"ratio\"] + 1 == 1.5                           | true",
            "3 / attributes[\"ratio\"] == 6                             | true",
            "attributes[\"http.status_code\"] * 0.5 == 251.5            | true",
            "attributes[\"http.status_code\"] / 2 == 251                | true",
            "dropped_attributes_count == 0                                | true",
            // upper contexts from a span condition
            "resource.attributes[\"service.name\"] == \"checkout\"        | true",
            "instrumentation_scope.name == \"io.opentelemetry.netty\"     | true",
            "scope.version == \"2.1\"                                     | true",
            "scope.attributes[\"scope.attr\"] == \"s\"                    | true",
            // attributes of every type, missing keys, nested keys
            "attributes[\"http.status_code\"] == 503                      | true",
            "attributes[\"http.status_code\"] >= 500.0                    | true",
            "attributes[\"http.status_code\"] == \"503\"                  | false",
            "attributes[\"http.status_code\"] != \"503\"                  | true",
            "attributes[\"ratio\"] < 1                                    | true",
            "attributes[\"cached\"] == true                               | true",
            "attributes[\"cached\"] > false                               | true",
            "attributes[\"payload\"] == 0x01ff                            | true",
            "attributes[\"payload\"] < 0x02                               | true",
            "attributes[\"missing\"] == nil                               | true",
            "attributes[\"missing\"] != nil                               | false",
            "attributes[\"missing\"] < 1                                  | false",
            "nil <= nil                                                   | true",
            "nil < nil                                                    | false",
            "attributes[\"nested\"][\"inner\"] == \"v\"                   | true",
            "attributes[\"nested\"][\"absent\"] == nil                    | true",
            "attributes[\"tags\"][1] == 2                                 | true",
            "attributes[\"nested\"] == attributes[\"nested\"]             | true",
            "attributes[\"nested\"] != attributes[\"tags\"]               | true",
            "attributes[\"nested\"] < attributes[\"tags\"]                | false",
            // strings compare as UTF-8 bytes, i.e. code points
            "\"\uE000\" > \"\uD83D\uDE00\"                                | false",
            "\"b\" > \"a\"                                                | true",
            // functions
            "IsMatch(attributes[\"http.url\"], \".*/health.*\")           | true",
            "IsMatch(attributes[\"http.url\"], \"health\")                | true",
            "IsMatch(attributes[\"http.url\"], \"^health\")               | false",
            "IsMatch(attributes[\"missing\"], \".*\")                     | false",
            "IsMatch(attributes[\"http.status_code\"], \"^50\\\\d$\")     | true",
            "IsMatch(attributes[\"nested\"], \"\\\"count\\\":7\")         | true",
            "IsMatch(attributes[\"payload\"], \"^01ff$\")                 | true",
            "IsMatch(name, \"^(?P<verb>GET) \")                          | true",
            "IsString(name)                                               | true",
            "IsString(attributes[\"http.status_code\"])                   | false",
            "IsInt(attributes[\"http.status_code\"])                      | true",
            "IsInt(attributes[\"ratio\"])                                 | false",
            "Len(name) == 11                                              | true",
            "Len(attributes[\"unicode\"]) == 6                            | true",
            "Len(attributes[\"tags\"]) == 2                               | true",
            "Len(attributes) == 8                                         | true",
            "Concat([name, kind, attributes[\"ratio\"]], \";\") == \"GET /health;2;0.5\" | true",
            "Concat([attributes[\"missing\"], \"x\"], \"-\") == \"<nil>-x\" | true",
            // boolean structure
            "true                                                         | true",
            "not true                                                     | false",
            "false or name == \"GET /health\"                             | true",
            "name == \"x\" or kind == SPAN_KIND_CLIENT                    | false",
            "not (name == \"x\" or kind == SPAN_KIND_CLIENT)              | true",
            "not IsMatch(name, \"health\") and true                       | false",
            "name == \"x\" and Len(attributes[\"missing\"]) > 0            | false",
            "IsRootSpan()                                                 | true",
            "not IsRootSpan()                                             | false",
    })
    void evaluatesOnASpan(String condition, boolean expected) {
        assertThat(OttlCondition.parse(condition, OttlContext.SPAN).test(Fixture.target())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "name == \"exception\"                                        | true",
            "spanevent.name == \"exception\"                              | true",
            "attributes[\"exception.type\"] == \"IOError\"                | true",
            "time_unix_nano == 2000                                       | true",
            "span.name == \"GET /health\"                                 | true",
            "span.attributes[\"http.status_code\"] == 503                 | true",
            "span.kind == SPAN_KIND_CLIENT                                | false",
            "resource.attributes[\"host.name\"] == \"web-1\"              | true",
            "IsMatch(name, \".*exc.*\")                                   | true",
    })
    void evaluatesOnASpanEvent(String condition, boolean expected) {
        assertThat(OttlCondition.parse(condition, OttlContext.SPANEVENT).test(Fixture.target())).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "name == \"http.server.requests\"                            | true",
            "metric.description == \"requests served\"                   | true",
            "unit == \"{request}\"                                       | true",
            "type == METRIC_DATA_TYPE_SUM                                 | true",
            "type == METRIC_DATA_TYPE_GAUGE                               | false",
            "type == 2                                                    | true",
            "aggregation_temporality == AGGREGATION_TEMPORALITY_CUMULATIVE | true",
            "is_monotonic == true                                         | true",
            "metadata[\"origin\"] == \"sdk\"                           | true",
            "resource.attributes[\"service.name\"] == \"checkout\"     | true",
            "HasAttrKeyOnDatapoint(\"http.route\")                       | true",
            "HasAttrKeyOnDatapoint(\"missing\")                          | false",
            "HasAttrOnDatapoint(\"http.route\", \"/health\")           | true",
            // otelcol looks only at the first point that has the key
            "HasAttrOnDatapoint(\"http.route\", \"/cart\")             | false",
            // a value of another type reads as ""
            "HasAttrOnDatapoint(\"code\", \"200\")                     | false",
            "HasAttrOnDatapoint(\"code\", \"\")                        | true",
    })
    void evaluatesOnAMetric(String condition, boolean expected) {
        assertThat(OttlCondition.parse(condition, OttlContext.METRIC).test(Fixture.point(Fixture.SUM, null))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "attributes[\"http.route\"] == \"/health\"                 | true",
            "datapoint.attributes[\"code\"] == 200                       | true",
            "metric.name == \"http.server.requests\"                     | true",
            "metric.type == METRIC_DATA_TYPE_SUM                          | true",
            "value_int == 42                                              | true",
            "value_double == 0.0                                          | true",
            "start_time_unix_nano == 1000                                 | true",
            "time_unix_nano == 4000                                       | true",
            "flags == FLAG_NO_RECORDED_VALUE                              | true",
            "count == nil                                                 | true",
            "sum == nil                                                   | true",
            "scale == nil                                                 | true",
            "instrumentation_scope.name == \"io.opentelemetry.netty\"    | true",
    })
    void evaluatesOnANumberDataPoint(String condition, boolean expected) {
        assertThat(OttlCondition.parse(condition, OttlContext.DATAPOINT).test(Fixture.point(Fixture.SUM, Fixture.POINT))).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "count == 3                                                   | true",
            "sum == 7.5                                                   | true",
            "value_int == nil                                             | true",
            "value_double == nil                                          | true",
            "metric.aggregation_temporality == AGGREGATION_TEMPORALITY_DELTA | true",
            "metric.is_monotonic == nil                                   | true",
            "positive.offset == nil                                       | true",
    })
    void evaluatesOnAHistogramDataPoint(String condition, boolean expected) {
        assertThat(OttlCondition.parse(condition, OttlContext.DATAPOINT).test(Fixture.point(Fixture.HISTOGRAM, Fixture.HISTOGRAM_POINT)))
                .isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "severity_number == SEVERITY_NUMBER_WARN2                     | true",
            "severity_number >= SEVERITY_NUMBER_WARN                      | true",
            "severity_number < SEVERITY_NUMBER_WARN                       | false",
            "log.severity_text == \"WARN\"                               | true",
            "body[\"msg\"] == \"disk full\"                            | true",
            "body[\"free\"] == 0                                         | true",
            "body[\"absent\"] == nil                                     | true",
            "IsMatch(body.string, \"disk full\")                         | true",
            "IsMatch(body, \"\\\"free\\\":0\")                     | true",
            "attributes[\"log.file.name\"] == \"app.log\"              | true",
            "time_unix_nano == 6000                                       | true",
            "observed_time_unix_nano == 7000                              | true",
            "flags == 1                                                   | true",
            "trace_id.string == \"0102030405060708090a0b0c0d0e0f10\"     | true",
            "span_id == SpanID(0xa1a2a3a4a5a6a7a8)                        | true",
            "event_name == \"disk.alert\"                                | true",
            "dropped_attributes_count == 0                                | true",
            "resource.attributes[\"host.name\"] == \"web-1\"           | true",
    })
    void evaluatesOnALogRecord(String condition, boolean expected) {
        assertThat(OttlCondition.parse(condition, OttlContext.LOG).test(Fixture.log(Fixture.LOG))).isEqualTo(expected);
    }

    @Test
    void aLogBodyThatIsNotAMapOrSliceCannotBeIndexed() {
        OttlCondition condition = OttlCondition.parse("body[\"msg\"] == nil", OttlContext.LOG);
        LogRecord text = Fixture.LOG.toBuilder()
                .setBody(AnyValue.newBuilder().setStringValue("plain")).build();

        assertThatThrownBy(() -> condition.test(Fixture.log(text)))
                .isInstanceOf(OttlEvaluationException.class).hasMessage("log bodies of type Str cannot be indexed");
    }

    @Test
    void aDatapointFunctionOnAMetricWithoutDataFails() {
        OttlCondition condition = OttlCondition.parse("HasAttrKeyOnDatapoint(\"k\")", OttlContext.METRIC);
        Metric empty = Metric.newBuilder().setName("m").build();

        assertThatThrownBy(() -> condition.test(Fixture.point(empty, null)))
                .isInstanceOf(OttlEvaluationException.class).hasMessage("unknown metric type");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "ParseJSON(name) == nil                    | SPAN      | unsupported function 'ParseJSON' at column 1",
            "name == ParseJSON(body)                   | SPAN      | unsupported function 'ParseJSON' at column 9",
            "set(name, \"x\")                          | SPAN      | unsupported function 'set' (editors cannot be used in conditions) at column 1",
            "events == nil                             | SPAN      | unsupported path 'events' at column 1",
            "span.status == nil                        | SPAN      | unsupported path 'span.status' at column 1",
            "start_time > 0                            | SPAN      | unsupported path 'start_time' at column 1",
            "name[\"x\"] == nil                        | SPAN      | path 'name' cannot be indexed at column 5",
            "attributes[0] == nil                      | SPAN      | attributes must be indexed with a string key at column 11",
            "spanevent.name == \"x\"                   | SPAN      | path 'spanevent.name' is not available in the span context at column 1",
            "span.name == \"x\"                        | RESOURCE  | path 'span.name' is not available in the resource context at column 1",
            "name == \"x\"                             | RESOURCE  | unsupported path 'name' at column 1",
            "attributes[\"k\"] == SPAN_KIND_SERVER     | RESOURCE  | unknown enum 'SPAN_KIND_SERVER' at column 20",
            "kind == SPAN_KIND_SERVR                   | SPAN      | unknown enum 'SPAN_KIND_SERVR' at column 9",
            "IsMatch(name)                             | SPAN      | IsMatch takes 2 arguments, got 1 at column 1",
            "IsMatch(name, name)                       | SPAN      | IsMatch: pattern must be a string literal at column 15",
            "IsMatch(name, \"(\")                      | SPAN      | IsMatch: invalid regexp '(': Unclosed group at column 15",
            "Len(name)                                 | SPAN      | 'Len' does not return a boolean at column 1",
            "Len(name) + \"a\" > 1                     | SPAN      | operator '+' needs numbers, got string at column 13",
            "Concat(name, \"-\") == \"x\"              | SPAN      | Concat: vals must be a list such as [a, \"b\"] at column 8",
            "TraceID(0x01) == trace_id                 | SPAN      | TraceID: traces ids must be 16 bytes at column 9",
            "SpanID(\"a\") == span_id                  | SPAN      | SpanID: bytes must be a byte slice literal such as 0x0102... at column 8",
            "IsString(name)[0]                         | SPAN      | indexing the result of 'IsString' is not supported at column 15",
            "name == [\"a\"]                           | SPAN      | a list is only supported as an argument of Concat at column 9",
            "\"a\"                                     | SPAN      | expected a comparison operator, found end of condition at column 4",
            "datapoint.attributes[\"k\"] == nil        | METRIC    | path 'datapoint.attributes' is not available in the metric context at column 1",
            "span.name == \"x\"                        | LOG       | path 'span.name' is not available in the log context at column 1",
            "data_points == nil                        | METRIC    | unsupported path 'data_points' at column 1",
            "exemplars == nil                          | DATAPOINT | unsupported path 'exemplars' at column 1",
            "severity_number == SEVERITY_NUMBER_WARN   | DATAPOINT | unsupported path 'severity_number' at column 1",
            "flags == SEVERITY_NUMBER_WARN             | DATAPOINT | unknown enum 'SEVERITY_NUMBER_WARN' at column 10",
            "HasAttrKeyOnDatapoint(\"k\")              | DATAPOINT | function 'HasAttrKeyOnDatapoint' is not available in the datapoint context, only in metric at column 1",
            "HasAttrOnDatapoint(\"k\", name)           | METRIC    | HasAttrOnDatapoint: expectedVal must be a string literal at column 25",
            "IsRootSpan()                              | SPANEVENT | function 'IsRootSpan' is not available in the spanevent context, only in span at column 1",
            "IsRootSpan(name)                          | SPAN      | IsRootSpan takes 0 arguments, got 1 at column 1",
    })
    void rejectsWhatIsOutsideTheSubset(String condition, OttlContext context, String message) {
        assertThatThrownBy(() -> OttlCondition.parse(condition, context)).isInstanceOf(OttlException.class).hasMessage(message);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "resource.attributes[\"host.name\"] == \"web-1\"                          | RESOURCE",
            "scope.name == \"x\" and resource.attributes[\"a\"] == nil                | SCOPE",
            "span.name == \"x\" or resource.attributes[\"a\"] == nil                  | SPAN",
            "IsMatch(spanevent.name, \".*grpc.*\") and span.kind == SPAN_KIND_SERVER  | SPANEVENT",
            "metric.name == \"x\" and datapoint.attributes[\"k\"] == nil           | DATAPOINT",
            "log.body == nil and resource.attributes[\"a\"] == nil                   | LOG",
            "instrumentation_scope.name == \"x\"                                    | SCOPE",
            // a function or enum the named context lacks moves the condition to the first context below it that has them
            "resource.attributes[\"a\"] == nil and HasAttrKeyOnDatapoint(\"k\")     | METRIC",
            "resource.attributes[\"a\"] == METRIC_DATA_TYPE_SUM                     | DATAPOINT",
            "resource.attributes[\"a\"] == SEVERITY_NUMBER_WARN                     | LOG",
            "scope.name == \"x\" or resource.attributes[\"k\"] == STATUS_CODE_ERROR | SPANEVENT",
    })
    void infersTheDeepestContextNamed(String condition, OttlContext expected) {
        assertThat(OttlCondition.infer(condition).context()).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "name == \"x\"                  | path 'name' must start with its context (resource, scope, span, spanevent, metric, datapoint or log) at column 1",
            "span.name == \"x\" and kind == 1 | path 'kind' must start with its context (resource, scope, span, spanevent, metric, datapoint or log) at column 22",
            "true                           | cannot infer the context of a condition without paths at column 1",
            "datapoint.flags == 0 and HasAttrKeyOnDatapoint(\"k\") | inferred context \"datapoint\" does not support the function \"HasAttrKeyOnDatapoint\" at column 1",
    })
    void inferenceNeedsEveryPathPrefixed(String condition, String message) {
        assertThatThrownBy(() -> OttlCondition.infer(condition)).isInstanceOf(OttlException.class).hasMessage(message);
    }

    @Test
    void inferredConditionsEvaluateInTheirContext() {
        assertThat(OttlCondition.infer("spanevent.name == \"exception\" and span.name == \"GET /health\"").test(Fixture.target())).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "Len(attributes[\"missing\"]) > 0                  | Len: target arg must be of type string, []byte, pcommon.Map or pcommon.Slice, got nil",
            "Len(attributes[\"ratio\"]) > 0                    | Len: target arg must be of type string, []byte, pcommon.Map or pcommon.Slice, got float64",
            "attributes[\"http.url\"][\"x\"] == nil            | type string does not support string indexing",
            "attributes[\"tags\"][5] == nil                    | index 5 out of bounds",
            "start_time_unix_nano / 0 == 1                     | attempted to divide by 0",
            "attributes[\"ratio\"] / 0 > 0                     | attempted to divide by 0",
            "attributes[\"http.url\"] + 1 > 0                  | cannot apply '+' to string and int64",
            "attributes[\"missing\"] * 2 > 0                   | cannot apply '*' to nil and int64",
    })
    void failsAtRuntimeWithOttlsMessage(String condition, String message) {
        OttlCondition parsed = OttlCondition.parse(condition, OttlContext.SPAN);
        assertThatThrownBy(() -> parsed.test(Fixture.target())).isInstanceOf(OttlEvaluationException.class).hasMessage(message);
    }

    @Test
    void aSpanWithAParentIsNoRootSpan() {
        Span child = Fixture.SPAN.toBuilder().setParentSpanId(ByteString.copyFrom(new byte[] {0, 0, 0, 0, 0, 0, 0, 1})).build();
        Target target = new Target(Fixture.RESOURCE.getResource(), Fixture.SCOPE.getScope(), child, null);
        assertThat(OttlCondition.parse("IsRootSpan()", OttlContext.SPAN).test(target)).isFalse();
        assertThat(OttlCondition.infer("IsRootSpan() and resource.attributes[\"k\"] == nil").context()).isEqualTo(OttlContext.SPAN);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "route() where name == \"GET /health\"                       | true",
            "route() where name == \"x\" or resource.attributes[\"service.name\"] == \"checkout\" | true",
            "route() where span.kind == SPAN_KIND_CLIENT                   | false",
            "route()                                                       | true",
            "  route( )   where  not IsRootSpan()                          | false",
    })
    void aRouteStatementHoldsWhereItsWhereClauseDoes(String statement, boolean expected) {
        OttlCondition condition = OttlCondition.ofStatement(statement, OttlContext.SPAN, "route");
        assertThat(condition.test(Fixture.target())).isEqualTo(expected);
        assertThat(condition.text()).isEqualTo(statement);
    }

    @ParameterizedTest(name = "[{index}] {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
            "delete_key(attributes, \"k\") where name == \"x\" | unsupported editor 'delete_key' (only route() is supported) at column 1",
            "route(name) where name == \"x\"                 | route() takes no arguments at column 1",
            "name == \"x\"                                   | a statement starts with an editor call such as route(), found 'name' at column 1",
            "Route() where name == \"x\"                     | a statement starts with an editor call such as route(), found 'Route' at column 1",
            "route() name == \"x\"                           | unexpected 'name' at column 9",
            "route() where                                    | unexpected end of condition at column 14",
            "route() where names == \"x\"                    | unsupported path 'names' at column 15",
            "``                                               | empty statement at column 1",
    })
    void rejectsStatementsBeyondRoute(String statement, String message) {
        assertThatThrownBy(() -> OttlCondition.ofStatement(statement, OttlContext.SPAN, "route"))
                .isInstanceOf(OttlException.class).hasMessage(message);
    }
}
