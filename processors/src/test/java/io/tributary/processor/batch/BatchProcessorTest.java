package io.tributary.processor.batch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.data.Logs;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.testkit.ManualClock;
import io.tributary.testkit.Recording;
import io.tributary.testkit.RecordingConsumer;
import io.tributary.testkit.TestContext;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {
    /** Long enough that the real timer never fires during a test that drives time itself. */
    private static final Duration NEVER = Duration.ofHours(1);

    private final Telemetry telemetry = new Telemetry();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final ExecutorService workers = Executors.newFixedThreadPool(2);
    private final RecordingConsumer next = new RecordingConsumer();
    private final ManualClock clock = new ManualClock();
    private long traceSeq;

    @AfterEach
    void stopThreads() {
        scheduler.shutdownNow();
        workers.shutdownNow();
    }

    @Test
    void sendsOnceBufferedSpansReachSendBatchSize() {
        BatchProcessor<Traces> batch = processor(config(10, NEVER, 0));

        batch.consume(traces(4));
        batch.consume(traces(4));
        assertThat(next.batches()).isEmpty();
        batch.consume(traces(4));

        assertThat(next.batches()).hasSize(1);
        assertThat(next.batches().get(0).spanCount()).isEqualTo(12);
        assertThat(counter("otelcol.processor.batch.batch.size.trigger.send")).isEqualTo(1);
        assertThat(telemetry.registry().get("otelcol.processor.batch.batch.send.size").summary().totalAmount()).isEqualTo(12);
    }

    @Test
    void splitsBatchesAboveSendBatchMaxSizeAndKeepsASmallRemainder() {
        BatchProcessor<Traces> batch = processor(config(10, NEVER, 15));

        batch.consume(traces(32));

        assertThat(next.batches()).extracting(Traces::spanCount).containsExactly(15, 15);
        batch.shutdown();
        assertThat(next.batches()).extracting(Traces::spanCount).containsExactly(15, 15, 2);
        assertThat(next.spans()).extracting(Span::getName).isEqualTo(names(traceSeq - 1, 32));
    }

    @Test
    void sendsWhatIsBufferedWhenTheTimeoutHasPassed() {
        BatchProcessor<Traces> batch = processor(config(100, NEVER, 0));
        long received = clock.nanoTime();
        batch.consume(traces(3));

        batch.flushIfDue(received + NEVER.toNanos() - 1);
        assertThat(next.batches()).isEmpty();
        batch.flushIfDue(received + NEVER.toNanos());

        assertThat(next.batches()).extracting(Traces::spanCount).containsExactly(3);
        assertThat(counter("otelcol.processor.batch.timeout.trigger.send")).isEqualTo(1);
    }

    @Test
    void timerSendsAHalfFullBatchWithoutFurtherInput() {
        BatchProcessor<Traces> batch = new BatchProcessor<>(context(), config(100, Duration.ofMillis(20), 0), Signal.TRACES, next, System::nanoTime);

        batch.consume(traces(3));

        next.awaitSpans(3, Duration.ofSeconds(10));
        assertThat(counter("otelcol.processor.batch.timeout.trigger.send")).isEqualTo(1);
    }

    @Test
    void zeroTimeoutSendsImmediatelyAndOnlySplits() {
        BatchProcessor<Traces> batch = processor(config(4, Duration.ZERO, 4));

        batch.consume(traces(10));

        assertThat(next.batches()).extracting(Traces::spanCount).containsExactly(4, 4, 2);
    }

    @Test
    void shutdownFlushesAHalfFullBatchOnce() {
        BatchProcessor<Traces> batch = processor(config(100, NEVER, 0));
        batch.consume(traces(5));

        batch.shutdown();
        batch.shutdown();

        assertThat(next.batches()).extracting(Traces::spanCount).containsExactly(5);
    }

    @Test
    void aBatchTheNextConsumerRefusesIsCountedAsDropped() {
        BatchProcessor<Traces> batch = processor(config(5, NEVER, 0));
        next.failWith(() -> new PermanentException("bad data"));

        batch.consume(traces(6));

        assertThat(counter("otelcol.processor.dropped.spans")).isEqualTo(6);
        // otelcol's batch processor is not built on processorhelper: no incoming/outgoing items.
        assertThat(telemetry.registry().find("otelcol.processor.outgoing.items").counter()).isNull();
        assertThat(telemetry.registry().find("otelcol.processor.incoming.items").counter()).isNull();
    }

    @Test
    void encodedInputsLeaveAsTheConcatenationOfTheirBytes() throws Exception {
        BatchProcessor<Traces> batch = processor(config(6, NEVER, 0));
        ByteString first = request(3).toByteString();
        ByteString second = request(3).toByteString();

        batch.consume(Traces.parse(first));
        batch.consume(Traces.parse(second));

        assertThat(next.batches()).hasSize(1);
        assertThat(next.batches().get(0).encoded()).isEqualTo(first.concat(second));
    }

    @Test
    void metricsAreBatchedByDataPointsAndAMetricIsCutBetweenItsPoints() {
        Recording<Metrics> metrics = Recording.create();
        BatchProcessor<Metrics> batch = new BatchProcessor<>(context(), config(10, NEVER, 12), Signal.METRICS, metrics, clock::nanoTime);
        Metrics sevenPoints = metrics("a", TestMetrics.gauge("g", 3), TestMetrics.histogram("h", 4));
        Metrics fivePoints = metrics("b", TestMetrics.sum("s", 5, true, AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA));

        batch.consume(sevenPoints);
        assertThat(metrics.batches()).isEmpty();
        batch.consume(fivePoints);

        assertThat(metrics.batches()).extracting(Metrics::dataPointCount).containsExactly(12);
        batch.consume(metrics("c", TestMetrics.exponentialHistogram("e", 20)));
        assertThat(metrics.batches()).extracting(Metrics::dataPointCount).containsExactly(12, 12);
        batch.shutdown();
        assertThat(metrics.batches()).extracting(Metrics::dataPointCount).containsExactly(12, 12, 8);
        List<String> points = metrics.batches().stream().flatMap(b -> TestMetrics.points(b.resourceMetrics()).stream()).toList();
        assertThat(points).isEqualTo(TestMetrics.points(Metrics.concat(List.of(sevenPoints, fivePoints,
                metrics("c", TestMetrics.exponentialHistogram("e", 20)))).resourceMetrics()));
        assertThat(telemetry.registry().get("otelcol.processor.batch.batch.send.size").summary().totalAmount()).isEqualTo(32);
    }

    @Test
    void logsAreBatchedByLogRecordsAndShardedByMetadataKeys() {
        Recording<Logs> logs = Recording.create();
        BatchProcessor<Logs> batch = new BatchProcessor<>(context(), new BatchConfig(3, NEVER, 0, List.of("x-tenant"), 1000),
                Signal.LOGS, logs, clock::nanoTime);

        batch.consume(logs("one", "two").withClient(client("10.0.0.1", Map.of("x-tenant", List.of("acme")))));
        batch.consume(logs("other").withClient(client("10.0.0.2", Map.of("x-tenant", List.of("globex")))));
        batch.consume(logs("three").withClient(client("10.0.0.3", Map.of("x-tenant", List.of("acme")))));

        assertThat(logs.batches()).singleElement().satisfies(acme -> {
            assertThat(TestLogs.bodies(acme.resourceLogs())).containsExactly("one", "two", "three");
            assertThat(acme.client().metadata("x-tenant")).containsExactly("acme");
        });
        batch.shutdown();
        assertThat(logs.batches()).extracting(Logs::logRecordCount).containsExactly(3, 1);
    }

    @Test
    void itsMetricsCarryNoSignalLabelAndDroppedItemsAreCountedInTheSignalsUnits() {
        Recording<Logs> logs = Recording.create();
        logs.failWith(() -> new PermanentException("bad data"));
        BatchProcessor<Logs> batch = new BatchProcessor<>(context(), config(2, NEVER, 0), Signal.LOGS, logs, clock::nanoTime);

        batch.consume(logs("a", "b"));

        assertThat(counter("otelcol.processor.dropped.log.records")).isEqualTo(2);
        assertThat(telemetry.registry().get("otelcol.processor.batch.batch.size.trigger.send").counter().getId().getTags())
                .extracting(tag -> tag.getKey()).containsExactly("processor");
    }

    @Test
    void theFactoryMakesABatchProcessorOfEverySignal() {
        BatchProcessorFactory factory = new BatchProcessorFactory();
        Recording<Metrics> metrics = Recording.create();

        assertThat(factory.signals()).containsExactlyInAnyOrderElementsOf(Signal.all());
        var processor = factory.create(context(), config(1, NEVER, 0), Signal.METRICS, metrics);
        processor.consume(metrics("a", TestMetrics.gauge("g", 1)));
        assertThat(metrics.itemCount()).isEqualTo(1);
    }

    @Test
    void configBindsOtelcolKeysOverOtelcolDefaults() {
        BatchConfig bound = Binder.bind(ConfigLoader.parse("send_batch_size: 100\nsend_batch_max_size: 200", "test", n -> null),
                "processors::batch", BatchConfig.class, new BatchProcessorFactory().defaultConfig());

        assertThat(bound).isEqualTo(new BatchConfig(100, Duration.ofMillis(200), 200, List.of(), 1000));
        assertThat(BatchConfig.DEFAULT.sendBatchSize()).isEqualTo(8192);
    }

    @Test
    void theFactoryIsDiscoveredAsBatch() {
        assertThat(ServiceLoader.load(ProcessorFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f.type()).isEqualTo("batch"));
    }

    @Test
    void sendBatchMaxSizeBelowSendBatchSizeIsRejected() {
        assertThatThrownBy(() -> config(100, NEVER, 50))
                .hasMessageContaining("send_batch_max_size must be greater or equal to send_batch_size");
    }

    @Test
    void withoutMetadataKeysABatchCarriesNoClient() {
        BatchProcessor<Traces> batch = processor(config(2, NEVER, 0));

        batch.consume(traces(2).withClient(client("10.0.0.1", Map.of("x-tenant", List.of("acme")))));

        assertThat(next.batches()).extracting(Traces::client).containsExactly(ClientInfo.NONE);
    }

    @Test
    void eachCombinationOfMetadataKeyValuesIsBatchedApartAndKeepsOnlyThoseKeys() {
        BatchProcessor<Traces> batch = processor(new BatchConfig(4, NEVER, 0, List.of("X-Tenant"), 1000));

        batch.consume(traces(2).withClient(client("10.0.0.1", Map.of("x-tenant", List.of("acme"), "x-other", List.of("1")))));
        batch.consume(traces(2).withClient(client("10.0.0.2", Map.of("x-tenant", List.of("globex")))));
        batch.consume(traces(2).withClient(client("10.0.0.3", Map.of("x-tenant", List.of("acme")))));

        assertThat(next.batches()).hasSize(1);
        Traces acme = next.batches().get(0);
        assertThat(acme.spanCount()).isEqualTo(4);
        assertThat(acme.client().metadata("x-tenant")).containsExactly("acme");
        assertThat(acme.client().metadata("x-other")).isEmpty();
        assertThat(acme.client().address()).isEmpty();

        batch.shutdown();
        assertThat(next.batches()).hasSize(2);
        assertThat(next.batches().get(1).client().metadata("x-tenant")).containsExactly("globex");
    }

    @Test
    void anAbsentKeyAndAnEmptyValueAreDistinctCombinations() {
        BatchProcessor<Traces> batch = processor(new BatchConfig(100, NEVER, 0, List.of("x-tenant"), 1000));

        batch.consume(traces(1).withClient(client("10.0.0.1", Map.of())));
        batch.consume(traces(1).withClient(client("10.0.0.1", Map.of("x-tenant", List.of("")))));
        batch.shutdown();

        assertThat(next.batches()).extracting(t -> t.client().metadata("x-tenant"))
                .containsExactlyInAnyOrder(List.of(), List.of(""));
    }

    @Test
    void aCombinationBeyondTheCardinalityLimitIsRefusedPermanently() {
        BatchProcessor<Traces> batch = processor(new BatchConfig(100, NEVER, 0, List.of("x-tenant"), 1));
        batch.consume(traces(1).withClient(client("10.0.0.1", Map.of("x-tenant", List.of("acme")))));

        assertThatThrownBy(() -> batch.consume(traces(1).withClient(client("10.0.0.1", Map.of("x-tenant", List.of("globex"))))))
                .isInstanceOf(PermanentException.class)
                .hasMessage("too many batcher metadata-value combinations");
        batch.consume(traces(1).withClient(client("10.0.0.2", Map.of("x-tenant", List.of("acme")))));
        batch.shutdown();
        assertThat(next.batches()).extracting(Traces::spanCount).containsExactly(2);
    }

    @Test
    void metadataKeysDifferingOnlyInCaseAreRejected() {
        assertThatThrownBy(() -> new BatchConfig(10, NEVER, 0, List.of("x-tenant", "X-Tenant"), 1000))
                .hasMessage("metadata_keys: duplicate entry in metadata_keys: \"x-tenant\" (case-insensitive)");
    }

    private static ClientInfo client(String address, Map<String, List<String>> metadata) {
        return ClientInfo.of(new InetSocketAddress(address, 4317)).withMetadata(metadata);
    }

    private BatchProcessor<Traces> processor(BatchConfig config) {
        return new BatchProcessor<>(context(), config, Signal.TRACES, next, clock::nanoTime);
    }

    private ComponentContext context() {
        return TestContext.of("batch").telemetry(telemetry).workers(workers).scheduler(scheduler).build();
    }

    private static BatchConfig config(int size, Duration timeout, int maxSize) {
        return new BatchConfig(size, timeout, maxSize, List.of(), 1000);
    }

    private double counter(String name) {
        MeterRegistry registry = telemetry.registry();
        // Counters appear on first use, as otelcol's do: one never touched reads 0.
        var counter = registry.find(name).tag("processor", "batch").counter();
        return counter == null ? 0 : counter.count();
    }

    private static Metrics metrics(String service, Metric... metrics) {
        return Metrics.of(TestMetrics.request(TestMetrics.resource(service, TestMetrics.scope("scope", List.of(metrics)))));
    }

    private static Logs logs(String... bodies) {
        return Logs.of(TestLogs.request(TestLogs.resource("svc", TestLogs.scope("scope", TestLogs.records(bodies)))));
    }

    private Traces traces(int spans) {
        return Traces.of(request(spans));
    }

    /** One resource with {@code spans} spans named {@code <trace>-<i>}. */
    private ExportTraceServiceRequest request(int spans) {
        long trace = traceSeq++;
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int i = 0; i < spans; i++) {
            scope.addSpans(Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(8, trace + 1).array()))
                    .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(i + 1).array()))
                    .setName(trace + "-" + i));
        }
        return ExportTraceServiceRequest.newBuilder().addResourceSpans(ResourceSpans.newBuilder()
                .setResource(Resource.newBuilder().addAttributes(KeyValue.newBuilder()
                        .setKey("service.name").setValue(AnyValue.newBuilder().setStringValue("svc"))))
                .addScopeSpans(scope)).build();
    }

    private static List<String> names(long trace, int spans) {
        return java.util.stream.IntStream.range(0, spans).mapToObj(i -> trace + "-" + i).toList();
    }
}
