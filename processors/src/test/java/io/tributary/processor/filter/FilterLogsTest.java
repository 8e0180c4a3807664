package io.tributary.processor.filter;

import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.logs.v1.ResourceLogs;
import io.opentelemetry.proto.logs.v1.ScopeLogs;
import io.opentelemetry.proto.logs.v1.SeverityNumber;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Signal;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Recording;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestLogs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The filter in a logs pipeline: what each style of settings drops, and what is counted. */
class FilterLogsTest {
    private final Telemetry telemetry = new Telemetry();
    private final Recording<Logs> next = Recording.create();

    @Test
    void logRecordConditionsDropTheRecordsThatMatch() {
        SignalProcessor<Logs> processor = processor("""
                logs:
                  log_record:
                    - 'severity_number < SEVERITY_NUMBER_INFO'
                    - 'IsMatch(body, "password")'
                """);

        processor.consume(batch(TestLogs.resource("svc", TestLogs.scope("app", List.of(
                record("debug detail", SeverityNumber.SEVERITY_NUMBER_DEBUG), record("user logged in", SeverityNumber.SEVERITY_NUMBER_INFO),
                record("password=hunter2", SeverityNumber.SEVERITY_NUMBER_WARN))))));

        assertThat(bodies()).containsExactly("user logged in");
        assertThat(counter("otelcol.processor.filter.logs.filtered")).isEqualTo(2);
        assertThat(counter("otelcol.processor.dropped.log.records")).isEqualTo(2);
    }

    @Test
    void legacyIncludeAndExcludeMatchAsOtelcolsFilterlog() {
        SignalProcessor<Logs> processor = processor("""
                logs:
                  include:
                    match_type: strict
                    resource_attributes: [{key: service.name, value: shop}]
                    severity_number: {min: WARN, match_undefined: true}
                  exclude:
                    match_type: regexp
                    bodies: ['^health']
                    record_attributes: [{key: probe}]
                """);
        LogRecord probe = record("healthcheck ok", SeverityNumber.SEVERITY_NUMBER_ERROR).toBuilder().addAttributes(attribute("probe", "k8s")).build();

        processor.consume(batch(
                TestLogs.resource("shop", TestLogs.scope("app", List.of(record("disk full", SeverityNumber.SEVERITY_NUMBER_ERROR),
                        record("cart viewed", SeverityNumber.SEVERITY_NUMBER_INFO), record("no severity", SeverityNumber.SEVERITY_NUMBER_UNSPECIFIED),
                        probe, record("healthcheck slow", SeverityNumber.SEVERITY_NUMBER_WARN)))),
                TestLogs.resource("billing", TestLogs.scope("app", List.of(record("disk full", SeverityNumber.SEVERITY_NUMBER_ERROR))))));

        assertThat(bodies()).containsExactly("disk full", "no severity", "healthcheck slow");
    }

    @Test
    void aLegacySectionWithNothingToMatchIsIgnoredAsInOtelcol() {
        SignalProcessor<Logs> processor = processor("logs: {include: {match_type: strict}}");
        Logs batch = batch(TestLogs.resource("svc", TestLogs.scope("app", TestLogs.records("a", "b"))));

        processor.consume(batch);

        assertThat(next.batches()).singleElement().isSameAs(batch);
    }

    @Test
    void logConditionsDropScopesResourcesAndRecordsByTheirInferredContext() {
        SignalProcessor<Logs> processor = processor("""
                log_conditions:
                  - 'resource.attributes["service.name"] == "chatty"'
                  - 'scope.name == "noisy.lib"'
                  - 'log.body == "drop me"'
                """);
        ScopeLogs noisy = ScopeLogs.newBuilder().setScope(InstrumentationScope.newBuilder().setName("noisy.lib"))
                .addAllLogRecords(TestLogs.records("x")).build();

        processor.consume(batch(TestLogs.resource("chatty", TestLogs.scope("app", TestLogs.records("a"))),
                TestLogs.resource("svc", noisy, TestLogs.scope("app", TestLogs.records("keep", "drop me")))));

        assertThat(next.batches()).singleElement().satisfies(logs -> assertThat(logs.resourceLogs()).singleElement()
                .satisfies(resource -> assertThat(resource.getScopeLogsList()).singleElement()
                        .satisfies(scope -> assertThat(scope.getScope().getName()).isEqualTo("app"))));
        assertThat(bodies()).containsExactly("keep");
        assertThat(telemetry.scrape()).contains("otelcol_processor_filter_logs_filtered_total{filter=\"filter\"} 3.0");
    }

    @Test
    void traceSettingsBesideLeaveLogsAlone() {
        SignalProcessor<Logs> processor = processor("traces: {span: ['true']}\nspans: {}");
        Logs batch = batch(TestLogs.resource("svc", TestLogs.scope("app", TestLogs.records("a"))));

        processor.consume(batch);

        assertThat(next.batches()).singleElement().isSameAs(batch);
    }

    private SignalProcessor<Logs> processor(String yaml) {
        return new FilterProcessorFactory().create(TestContext.of("filter").telemetry(telemetry).build(), FilterConfigTest.bind(yaml),
                Signal.LOGS, next);
    }

    private static LogRecord record(String body, SeverityNumber severity) {
        return TestLogs.record(body).toBuilder().setSeverityNumber(severity).build();
    }

    private static Logs batch(ResourceLogs... resources) {
        return Logs.of(List.of(resources));
    }

    private List<String> bodies() {
        return TestLogs.bodies(next.batches().stream().flatMap(batch -> batch.resourceLogs().stream()).toList());
    }

    private double counter(String name) {
        return telemetry.registry().get(name).counter().count();
    }
}
