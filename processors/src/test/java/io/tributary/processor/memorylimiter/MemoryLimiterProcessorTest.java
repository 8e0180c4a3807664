package io.tributary.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.RetryableException;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Exposition;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.Recording;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import io.tributary.testkit.TestContext;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MemoryLimiterProcessorTest {
    private static final String ID = "memory_limiter/front";

    private final Telemetry telemetry = new Telemetry();
    private final FakeHeap heap = new FakeHeap(1000);
    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    private final RecordingConsumer next = new RecordingConsumer();
    private final MemoryLimiter limiter = new MemoryLimiter(ComponentId.parse(ID),
            Configs.bind("{check_interval: 1s, limit_mib: 100}"), heap, timer, System::nanoTime);
    private final MemoryLimiterProcessor<Traces> processor = new MemoryLimiterProcessor<>(context(ID), Signal.TRACES, limiter, () -> { }, next);

    @AfterEach
    void stopTimer() {
        timer.shutdownNow();
    }

    @Test
    void belowTheSoftLimitTracesPassAndAreCountedAccepted() {
        heap.useMib(50);
        limiter.check();

        processor.consume(traces(3));

        assertThat(next.spanCount()).isEqualTo(3);
        assertThat(counter("otelcol.processor.memory.limiter.accepted.spans")).isEqualTo(3);
        assertThat(counter("otelcol.processor.memory.limiter.refused.spans")).isZero();
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(3);
        assertThat(counter("otelcol.processor.outgoing.items")).isEqualTo(3);
    }

    @Test
    void aboveTheSoftLimitTracesAreRefusedWithARetryableErrorAndCountedRefused() {
        heap.useMib(85);
        limiter.check();

        assertThatThrownBy(() -> processor.consume(traces(3)))
                .isInstanceOfSatisfying(RetryableException.class, e -> assertThat(e.resourceExhausted())
                        .as("503 / UNAVAILABLE, not 429").isFalse())
                .hasMessage("data refused due to high memory usage");

        assertThat(next.spanCount()).isZero();
        assertThat(counter("otelcol.processor.memory.limiter.refused.spans")).isEqualTo(3);
        assertThat(counter("otelcol.processor.memory.limiter.accepted.spans")).isZero();
        assertThat(counter("otelcol.processor.incoming.items")).isEqualTo(3);
        assertThat(counter("otelcol.processor.outgoing.items")).isZero();
        assertThat(counter("otelcol.processor.dropped.spans")).as("refused is not dropped: the client keeps the data").isZero();
    }

    @Test
    void tracesPassAgainOnceUsageIsBackBelowTheSoftLimit() {
        heap.useMib(85);
        limiter.check();
        assertThatThrownBy(() -> processor.consume(traces(2))).isInstanceOf(RetryableException.class);

        heap.useMib(20);
        limiter.check();
        processor.consume(traces(2));

        assertThat(next.spanCount()).isEqualTo(2);
    }

    @Test
    void prometheusNamesAreOtelcols() {
        heap.useMib(85);
        limiter.check();
        assertThatThrownBy(() -> processor.consume(traces(4))).isInstanceOf(RetryableException.class);

        assertThat(telemetry.scrape())
                .contains("otelcol_processor_memory_limiter_refused_spans_total{processor=\"memory_limiter/front\"} 4.0")
                .contains("otelcol_processor_memory_limiter_accepted_spans_total{processor=\"memory_limiter/front\"} 0.0");
    }

    @Test
    void anExplicitReaderShowsTheCountsInTheMemoryLimitersScopeAsOtelcol() {
        Telemetry explicit = new Telemetry(Exposition.PULL_READER);
        MemoryLimiterProcessor<Traces> scoped = new MemoryLimiterProcessor<>(TestContext.of(ID).telemetry(explicit).build(),
                Signal.TRACES, limiter, () -> { }, next);
        heap.useMib(50);
        limiter.check();

        scoped.consume(traces(2));

        assertThat(explicit.scrape()).contains("otelcol_processor_memory_limiter_accepted_spans_total{"
                + "otel_scope_name=\"go.opentelemetry.io/collector/processor/memorylimiterprocessor\","
                + "otel_scope_schema_url=\"\",otel_scope_version=\"\",processor=\"memory_limiter/front\"} 2.0");
    }

    @Test
    void pipelinesListingOneIdShareOneLimiter() throws Exception {
        MemoryLimiterProcessorFactory factory = new MemoryLimiterProcessorFactory(heap);
        MemoryLimiterConfig config = Configs.bind("{check_interval: 1h, limit_mib: 100}");
        Processor first = factory.create(context(ID), config, new RecordingConsumer());
        Processor second = factory.create(context(ID), config, new RecordingConsumer());
        Processor other = factory.create(context("memory_limiter/other"), Configs.bind("{check_interval: 1h, limit_mib: 100}"),
                new RecordingConsumer());
        try {
            first.start(null);
            second.start(null);
            assertThat(heap.reads()).as("one check for both pipelines").isEqualTo(1);
            other.start(null);
            assertThat(heap.reads()).as("another ID checks on its own").isEqualTo(2);
        } finally {
            first.shutdown();
            second.shutdown();
            other.shutdown();
        }
    }

    @Test
    void metricsAndLogsAreRefusedAndCountedInTheirOwnUnitsAndSignal() {
        Recording<Metrics> metricsNext = Recording.create();
        Recording<Logs> logsNext = Recording.create();
        var metrics = new MemoryLimiterProcessor<>(context(ID), Signal.METRICS, limiter, () -> { }, metricsNext);
        var logs = new MemoryLimiterProcessor<>(context(ID), Signal.LOGS, limiter, () -> { }, logsNext);
        heap.useMib(20);
        limiter.check();
        metrics.consume(Metrics.of(TestMetrics.request(TestMetrics.resource("svc", TestMetrics.scope("s", TestMetrics.everyType(2))))));

        heap.useMib(85);
        limiter.check();
        assertThatThrownBy(() -> logs.consume(Logs.of(TestLogs.request(TestLogs.resource("svc",
                TestLogs.scope("s", TestLogs.records("a", "b", "c")))))))
                .isInstanceOf(RetryableException.class).hasMessage("data refused due to high memory usage");

        assertThat(metricsNext.itemCount()).isEqualTo(10);
        assertThat(logsNext.batches()).isEmpty();
        assertThat(counter("otelcol.processor.memory.limiter.accepted.metric.points")).isEqualTo(10);
        assertThat(counter("otelcol.processor.memory.limiter.refused.log.records")).isEqualTo(3);
        assertThat(telemetry.registry().get("otelcol.processor.incoming.items").tag("otel_signal", "metrics").counter().count())
                .isEqualTo(10);
        assertThat(telemetry.registry().get("otelcol.processor.incoming.items").tag("otel_signal", "logs").counter().count())
                .isEqualTo(3);
        assertThat(telemetry.registry().get("otelcol.processor.outgoing.items").tag("otel_signal", "logs").counter().count()).isZero();
        assertThat(telemetry.scrape()).contains(
                "otelcol_processor_memory_limiter_refused_log_records_total{processor=\"memory_limiter/front\"} 3.0");
    }

    @Test
    void theFactoryMakesAProcessorOfEverySignalSharingTheIdsLimiter() throws Exception {
        MemoryLimiterProcessorFactory factory = new MemoryLimiterProcessorFactory(heap);
        MemoryLimiterConfig config = Configs.bind("{check_interval: 1h, limit_mib: 100}");
        SignalProcessor<Metrics> metrics = factory.create(context(ID), config, Signal.METRICS, Recording.create());
        SignalProcessor<Logs> logs = factory.create(context(ID), config, Signal.LOGS, Recording.create());
        try {
            metrics.start(null);
            logs.start(null);
            assertThat(heap.reads()).as("one check for both pipelines").isEqualTo(1);
        } finally {
            metrics.shutdown();
            logs.shutdown();
        }
        assertThat(factory.signals()).containsExactlyInAnyOrderElementsOf(Signal.all());
    }

    @Test
    void theFactoryIsDiscoveredAsMemoryLimiter() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f.type()).isEqualTo("memory_limiter"));
    }

    private ComponentContext context(String id) {
        return TestContext.of(id).telemetry(telemetry).build();
    }

    private double counter(String name) {
        // Counters appear on first use, as otelcol's do: one never touched reads 0.
        var counter = telemetry.registry().find(name).tag("processor", ID).counter();
        return counter == null ? 0 : counter.count();
    }

    private static Traces traces(int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            scope.addSpans(Span.newBuilder().setName("span-" + i));
        }
        return Traces.of(ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build());
    }
}
