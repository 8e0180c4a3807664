package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.config.ConfigLoader;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Traces;
import io.tributary.testkit.TestTraces;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Connectors: exporters of one pipeline and receivers of another, checked and wired as otelcol's graph. */
class ServiceConnectorsTest {
    private static final Traces SPANS = Traces.of(List.of(TestTraces.resource("svc", TestTraces.span("op"))));

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

    private void start(String yaml) throws Exception {
        service = components.build(yaml);
        service.start();
    }

    @Test
    void aConnectorFeedsThePipelinesThatReceiveFromItOfEachSignalItConnects() throws Exception {
        start("""
                receivers:
                  push:
                connectors:
                  relay:
                  tally:
                exporters:
                  record/raw:
                  record/relayed:
                  record/metrics:
                service:
                  telemetry: {metrics: {level: none}}
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record/raw, relay, tally]
                    traces/relayed:
                      receivers: [relay]
                      exporters: [record/relayed]
                    metrics:
                      receivers: [tally]
                      exporters: [record/metrics]
                """);

        components.receiver("push").push(SPANS);

        assertThat(components.exported("record/raw")).containsExactly(SPANS);
        assertThat(components.exported("record/relayed")).containsExactly(SPANS);
        assertThat(components.exported("record/metrics", Metrics.class)).hasSize(1);
    }

    @Test
    void oneInstancePerPairOfSignalsFeedingEveryPipelineOfTheReceivingSignal() throws Exception {
        start("""
                receivers:
                  push:
                connectors:
                  relay:
                exporters:
                  record:
                service:
                  telemetry: {metrics: {level: none}}
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [relay]
                    metrics:
                      receivers: [push]
                      exporters: [relay]
                    traces/a:
                      receivers: [relay]
                      exporters: [record]
                    traces/b:
                      receivers: [relay]
                      exporters: [record]
                    metrics/a:
                      receivers: [relay]
                      exporters: [record]
                """);

        assertThat(components.events.stream().filter(e -> e.startsWith("create connector"))).containsExactlyInAnyOrder(
                "create connector relay traces to traces [traces/a, traces/b]",
                "create connector relay metrics to metrics [metrics/a]");
        components.receiver("push").push(SPANS);
        assertThat(components.exported("record")).containsExactly(SPANS, SPANS);
    }

    @Test
    void aConnectorStartsBeforeThePipelinesFeedingItAndStopsAfterThemBeforeThePipelinesItFeeds() throws Exception {
        start("""
                receivers:
                  push:
                processors:
                  pass/up:
                  pass/down:
                connectors:
                  relay:
                exporters:
                  record:
                service:
                  telemetry: {metrics: {level: none}}
                  pipelines:
                    traces/down:
                      receivers: [relay]
                      processors: [pass/down]
                      exporters: [record]
                    traces/up:
                      receivers: [push]
                      processors: [pass/up]
                      exporters: [relay]
                """);
        service.shutdown();

        assertThat(components.events.stream().filter(e -> e.startsWith("start") || e.startsWith("shutdown"))).containsExactly(
                "start exporter record",
                "start processor pass/down",
                "start connector relay",
                "start processor pass/up",
                "start receiver push",
                "shutdown receiver push",
                "shutdown processor pass/up",
                "shutdown connector relay",
                "shutdown processor pass/down",
                "shutdown exporter record");
    }

    @Test
    void aConnectorFedByTwoPipelinesStopsAfterTheLaterOneInDataFlowEvenWhenWrittenFirst() throws Exception {
        start("""
                receivers:
                  push:
                processors:
                  pass/b:
                connectors:
                  relay/first:
                  relay/join:
                exporters:
                  record:
                service:
                  telemetry: {metrics: {level: none}}
                  pipelines:
                    traces/b:
                      receivers: [relay/first]
                      processors: [pass/b]
                      exporters: [relay/join]
                    traces/a:
                      receivers: [push]
                      exporters: [relay/first, relay/join]
                    traces/out:
                      receivers: [relay/join]
                      exporters: [record]
                """);
        service.shutdown();

        assertThat(components.events.stream().filter(e -> e.startsWith("shutdown"))).containsExactly(
                "shutdown receiver push",
                "shutdown connector relay/first",
                "shutdown processor pass/b",
                "shutdown connector relay/join",
                "shutdown exporter record");
    }

    @Test
    void aSignalPairTheTypeDoesNotConnectIsRefusedInOtelcolsWords() {
        assertThat(validate("""
                receivers:
                  push:
                connectors:
                  tally:
                exporters:
                  record:
                service:
                  pipelines:
                    logs:
                      receivers: [push]
                      exporters: [record, tally]
                    metrics:
                      receivers: [tally]
                      exporters: [record]
                """)).containsExactly(
                "11 service::pipelines::logs::exporters: connector \"tally\" used as exporter in [logs] pipeline but not"
                        + " used in any supported receiver pipeline",
                "13 service::pipelines::metrics::receivers: connector \"tally\" used as receiver in [metrics] pipeline"
                        + " but not used in any supported exporter pipeline");
    }

    @Test
    void aConnectorUsedOnOneSideOnlyIsRefused() {
        assertThat(validate("""
                receivers:
                  push:
                connectors:
                  relay:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push, relay]
                      exporters: [record]
                """)).containsExactly(
                "10 service::pipelines::traces::receivers: connector \"relay\" used as receiver in [traces] pipeline but not"
                        + " used in any supported exporter pipeline");
    }

    @Test
    void aConnectorIdAlsoUsedByAnExporterIsAmbiguous() {
        assertThat(validate("""
                receivers:
                  push:
                connectors:
                  record:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """)).first().asString().startsWith(
                "4 connectors::record: ambiguous ID: found both \"record\" exporter and \"record\" connector");
    }

    @Test
    void aLoopThroughConnectorsIsRefusedNamingItsSteps() {
        assertThat(validate("""
                receivers:
                  push:
                processors:
                  pass:
                connectors:
                  relay/out:
                  relay/back:
                exporters:
                  record:
                service:
                  pipelines:
                    traces/a:
                      receivers: [push, relay/back]
                      processors: [pass]
                      exporters: [relay/out]
                    traces/b:
                      receivers: [relay/out]
                      exporters: [relay/back, record]
                """)).containsExactly(
                "11 service::pipelines: cycle detected: connector \"relay/back\" (traces to traces) -> processor \"pass\""
                        + " in pipeline \"traces/a\" -> connector \"relay/out\" (traces to traces)"
                        + " -> connector \"relay/back\" (traces to traces)");
    }

    @Test
    void anUndefinedIdInAReceiverListMayBeAReceiverOrAConnector() {
        assertThat(validate("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push, forward]
                      exporters: [record]
                """)).containsExactly("8 service::pipelines::traces::receivers: pipeline 'traces' references receiver"
                + " 'forward' which is not defined under 'receivers' or 'connectors'");
    }
}
