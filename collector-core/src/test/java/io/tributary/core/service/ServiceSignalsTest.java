package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.config.ConfigError;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Traces;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import io.tributary.testkit.TestTraces;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pipelines of traces, metrics and logs side by side, sharing receivers and exporters as otelcol does. */
class ServiceSignalsTest {
    private static final Traces SPANS = Traces.of(List.of(TestTraces.resource("svc", TestTraces.span("op"))));
    private static final Metrics POINTS = Metrics.of(TestMetrics.request(TestMetrics.resource("svc",
            TestMetrics.scope("meter", TestMetrics.everyType(2)))));
    private static final Logs RECORDS = Logs.of(TestLogs.request(TestLogs.resource("svc",
            TestLogs.scope("logger", TestLogs.records("hello")))));
    private static final String CONFIG = """
            receivers:
              push:
            processors:
              pass:
            exporters:
              record:
              record/logs:
            service:
              telemetry:
                metrics:
                  level: none
              pipelines:
                traces:
                  receivers: [push]
                  processors: [pass]
                  exporters: [record]
                metrics/host:
                  receivers: [push]
                  processors: [pass]
                  exporters: [record]
                logs:
                  receivers: [push]
                  exporters: [record, record/logs]
            """;

    private final TestComponents components = new TestComponents();
    private Service service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown();
        }
    }

    private List<String> validate(String yaml) {
        return Service.validate(ConfigLoader.parse(yaml, "test.yaml", Map.<String, String>of()::get), components.registry())
                .stream().map(e -> e.location().line() + " " + e.path() + ": " + e.message()).toList();
    }

    @Test
    void eachSignalReachesTheExportersOfItsOwnPipelines() throws Exception {
        service = components.build(CONFIG);
        service.start();

        components.receiver("push").push(SPANS);
        components.receiver("push").push(POINTS);
        components.receiver("push").push(RECORDS);

        assertThat(components.exported("record", Traces.class)).containsExactly(SPANS);
        assertThat(components.exported("record", Metrics.class)).containsExactly(POINTS);
        assertThat(components.exported("record", Logs.class)).containsExactly(RECORDS);
        assertThat(components.exported.get(io.tributary.core.component.ComponentId.parse("record/logs"))).containsExactly(RECORDS);
    }

    @Test
    void aReceiverAndAnExporterOfSeveralSignalsAreOneInstanceEachAndProcessorsOnePerPipeline() throws Exception {
        service = components.build(CONFIG);
        service.start();

        assertThat(components.events).containsOnlyOnce("create exporter record", "start receiver push");
        assertThat(components.events).contains("create processor pass", "create processor pass for metrics");
        assertThat(components.receiver("push").next.metrics()).isNotNull();
    }

    @Test
    void aReceiverOnlyInMetricsPipelinesGetsNoTracesConsumer() throws Exception {
        service = components.build("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  telemetry:
                    metrics:
                      level: none
                  pipelines:
                    metrics:
                      receivers: [push]
                      exporters: [record]
                """);

        assertThat(components.receiver("push").next.traces()).isNull();
        assertThat(components.receiver("push").next.logs()).isNull();
        service.start();
        components.receiver("push").push(POINTS);
        assertThat(components.exported("record", Metrics.class)).containsExactly(POINTS);
    }

    @Test
    void aTracesOnlyComponentInAnotherSignalsPipelineIsRefusedInOtelcolsWordsAtItsLine() {
        assertThat(validate("""
                receivers:
                  push:
                processors:
                  spanpass:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      processors: [spanpass]
                      exporters: [record]
                    metrics:
                      receivers: [push]
                      processors: [spanpass]
                      exporters: [record]
                """)).containsExactly("15 service::pipelines::metrics::processors: "
                + "failed to create \"spanpass\" processor, in pipeline \"metrics\": telemetry type is not supported");
    }

    @Test
    void anExporterThatCannotServeAPipelinesSignalFailsTheBuildAtItsLine() {
        assertThatThrownBy(() -> components.build("""
                receivers:
                  push:
                exporters:
                  record:
                    refuse_signal: logs
                service:
                  pipelines:
                    logs:
                      receivers: [push]
                      exporters: [record]
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("4")
                .hasMessageContaining("exporters::record: cannot create exporter 'record': cannot export logs as configured");
    }

    @Test
    void whatAFactoryRefusesForASignalIsReportedOnceAtTheKeyItNames() {
        assertThat(validate("""
                receivers:
                  push:
                processors:
                  pass:
                    fail: refuse logs
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      processors: [pass]
                      exporters: [record]
                    logs:
                      receivers: [push]
                      processors: [pass]
                      exporters: [record]
                    logs/2:
                      receivers: [push]
                      processors: [pass]
                      exporters: [record]
                """)).containsExactly("5 processors::pass::fail: failed to create \"pass\" processor, in pipeline \"logs\": no logs here");
    }

    @Test
    void profilesPipelinesStayRefused() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    profiles:
                      receivers: [push]
                      exporters: [record]
                """)).containsExactly("7 service::pipelines::profiles: profiles pipelines are not supported; 'profiles' is a profiles pipeline");
    }

    @Test
    void anUnknownSignalIsRefusedWithTheOnesThereAre() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    metric:
                      receivers: [push]
                      exporters: [record]
                """)).containsExactly("7 service::pipelines::metric: unknown pipeline ID 'metric'; a pipeline ID is a signal "
                + "(traces, metrics, logs) or '<signal>/<name>' (did you mean 'metrics'?)");
    }
}
