package io.tributary.core.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.data.Traces;
import io.tributary.testkit.TestTraces;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ServiceGraphTest {
    private static final Traces ONE_SPAN = Traces.of(List.of(TestTraces.resource("svc", TestTraces.span("op"))));
    private static final String NO_METRICS = """
            service:
              telemetry:
                metrics:
                  level: none
            """;

    private final TestComponents components = new TestComponents();
    private Service service;

    @AfterEach
    void stop() {
        if (service != null) {
            service.shutdown();
        }
    }

    private Service build(String yaml) {
        service = components.build(yaml.replace("service:\n", NO_METRICS));
        return service;
    }

    private Service start(String yaml) throws Exception {
        build(yaml).start();
        return service;
    }

    @Test
    void receiverFeedsEveryPipelineThatListsIt() throws Exception {
        start("""
                receivers:
                  push:
                exporters:
                  record/a:
                  record/b:
                service:
                  pipelines:
                    traces/a:
                      receivers: [push]
                      exporters: [record/a]
                    traces/b:
                      receivers: [push]
                      exporters: [record/b]
                """);

        components.receiver("push").push(ONE_SPAN);

        assertThat(components.exported("record/a")).containsExactly(ONE_SPAN);
        assertThat(components.exported("record/b")).containsExactly(ONE_SPAN);
    }

    @Test
    void exporterListedByTwoPipelinesIsOneInstance() throws Exception {
        start("""
                receivers:
                  push/1:
                  push/2:
                exporters:
                  record:
                service:
                  pipelines:
                    traces/1:
                      receivers: [push/1]
                      exporters: [record]
                    traces/2:
                      receivers: [push/2]
                      exporters: [record]
                """);

        components.receiver("push/1").push(ONE_SPAN);
        components.receiver("push/2").push(ONE_SPAN);

        assertThat(components.events).containsOnlyOnce("create exporter record");
        assertThat(components.exported("record")).hasSize(2);
    }

    @Test
    void processorsRunInPipelineOrderWithOneInstancePerPipeline() throws Exception {
        start("""
                receivers:
                  push/1:
                  push/2:
                processors:
                  pass/first:
                  pass/second:
                exporters:
                  record:
                service:
                  pipelines:
                    traces/1:
                      receivers: [push/1]
                      processors: [pass/first, pass/second]
                      exporters: [record]
                    traces/2:
                      receivers: [push/2]
                      processors: [pass/first]
                      exporters: [record]
                """);

        components.receiver("push/1").push(ONE_SPAN);

        assertThat(components.events.stream().filter(e -> e.startsWith("create processor pass/first"))).hasSize(2);
        assertThat(components.events.stream().filter(e -> e.startsWith("consume")))
                .containsExactly("consume processor pass/first", "consume processor pass/second");
        assertThat(components.exported("record")).containsExactly(ONE_SPAN);
    }

    @Test
    void failingExporterDoesNotKeepDataFromTheOtherAndTheCallerSeesTheFailure() throws Exception {
        start("""
                receivers:
                  push:
                exporters:
                  record/bad:
                    fail: permanent
                  record/good:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record/bad, record/good]
                """);

        assertThatThrownBy(() -> components.receiver("push").push(ONE_SPAN))
                .isInstanceOf(PermanentException.class)
                .hasMessageContaining("record/bad");
        assertThat(components.exported("record/good")).containsExactly(ONE_SPAN);
    }

    @Test
    void retryableFailureWinsOverPermanentSoTheClientRetries() throws Exception {
        start("""
                receivers:
                  push:
                exporters:
                  record/refuses:
                    fail: permanent
                  record/busy:
                    fail: retryable
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record/refuses, record/busy]
                """);

        assertThatThrownBy(() -> components.receiver("push").push(ONE_SPAN)).isInstanceOf(RetryableException.class);
    }

    @Test
    void startsConsumersBeforeProducersAndStopsInReverse() throws Exception {
        start("""
                extensions:
                  watch:
                receivers:
                  push:
                processors:
                  pass/first:
                  pass/second:
                exporters:
                  record:
                service:
                  extensions: [watch]
                  pipelines:
                    traces:
                      receivers: [push]
                      processors: [pass/first, pass/second]
                      exporters: [record]
                """);
        service.shutdown();

        assertThat(components.events.stream().filter(e -> !e.startsWith("create"))).containsExactly(
                "start extension watch",
                "start exporter record",
                "start processor pass/second",
                "start processor pass/first",
                "start receiver push",
                "ready true",
                "ready false",
                "shutdown receiver push",
                "shutdown processor pass/first",
                "shutdown processor pass/second",
                "shutdown exporter record",
                "shutdown extension watch");
    }

    @Test
    void shutdownTwiceStopsEachComponentOnce() throws Exception {
        start("""
                receivers:
                  push:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """);

        service.shutdown();
        service.shutdown();

        assertThat(components.events).containsOnlyOnce("shutdown receiver push", "shutdown exporter record");
    }

    @Test
    void componentsNoPipelineUsesAreNotCreated() throws Exception {
        start("""
                receivers:
                  push:
                  push/idle:
                exporters:
                  record:
                  record/idle:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """);

        assertThat(components.receiver("push/idle")).isNull();
        assertThat(components.events).doesNotContain("create exporter record/idle");
    }

    @Test
    void startFailureNamesTheComponentAndStopsWhatStarted() {
        build("""
                receivers:
                  push:
                    fail_start: true
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push]
                      exporters: [record]
                """);

        assertThatThrownBy(service::start)
                .isInstanceOf(ServiceStartException.class)
                .hasMessage("failed to start receiver 'push': Address already in use");
        assertThat(components.events).contains("shutdown exporter record", "shutdown receiver push");
    }

    @Test
    void aliasResolvesToTheSameFactory() throws Exception {
        start("""
                receivers:
                  push_alias/x:
                exporters:
                  record:
                service:
                  pipelines:
                    traces:
                      receivers: [push_alias/x]
                      exporters: [record]
                """);

        components.receiver("push_alias/x").push(ONE_SPAN);

        assertThat(components.exported("record")).containsExactly(ONE_SPAN);
    }
}
