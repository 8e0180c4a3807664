package io.tributary.processor.memorylimiter;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.context.Context;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.common.export.RetryPolicy;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tributary.config.ConfigLoader;
import io.tributary.distribution.DaemonHarness;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.Kind;
import io.tributary.core.service.Components;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The whole daemon, booted from YAML, with a heap whose usage the test sets: an OpenTelemetry SDK
 * exporter sends spans while {@code memory_limiter} is over its limit, every request is refused
 * (503 / UNAVAILABLE), the usage falls, and the SDK's own retries deliver every span to the
 * backend exactly once: a refused request was never passed on, so a retry cannot duplicate it.
 */
class MemoryLimiterEndToEndTest {
    private static final long MIB = 1024 * 1024;
    private static final Duration WAIT = Duration.ofSeconds(30);
    /**
     * Exports in flight at once. The SDK's senders run calls on 5 threads with no queue and reject
     * a call that finds none idle, so this stays below 5 (an application's BatchSpanProcessor
     * exports one batch at a time).
     */
    private static final int BATCHES = 4;
    private static final int SPANS_PER_BATCH = 250;
    private static final int SPANS = BATCHES * SPANS_PER_BATCH;

    private final AtomicLong usedMib = new AtomicLong();
    private OtlpBackend backend;
    private DaemonHarness daemon;
    private SpanExporter exporter;

    @BeforeEach
    void boot() throws Exception {
        usedMib.set(90); // above the soft limit of 80 MiB from the start
        backend = OtlpBackend.start();
        daemon = new DaemonHarness(ConfigLoader.parse("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: localhost:0
                      http:
                        endpoint: localhost:0
                processors:
                  memory_limiter:
                    check_interval: 10ms
                    limit_mib: 100
                  batch:
                    timeout: 10ms
                exporters:
                  otlp:
                    endpoint: localhost:%d
                    tls: {insecure: true}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [memory_limiter, batch]
                      exporters: [otlp]
                  telemetry:
                    metrics:
                      address: localhost:0
                """.formatted(backend.port()), "test.yaml", name -> null), componentsWithTestHeap());
    }

    @AfterEach
    void stop() {
        if (exporter != null) {
            exporter.shutdown().join(10, TimeUnit.SECONDS);
        }
        daemon.close();
        backend.close();
    }

    @Test
    void grpcClientsAreRefusedWhileOverTheLimitAndLoseNothingWhenTheyRetry() {
        exporter = daemon.grpcExporter("otlp")
                .setRetryPolicy(RetryPolicy.getDefault())
                .setTimeout(WAIT)
                .build();
        refusedThenDeliveredExactlyOnce();
    }

    @Test
    void httpClientsAreRefusedWhileOverTheLimitAndLoseNothingWhenTheyRetry() {
        exporter = daemon.httpExporter("otlp")
                .setRetryPolicy(RetryPolicy.getDefault())
                .setTimeout(WAIT)
                .build();
        refusedThenDeliveredExactlyOnce();
    }

    private void refusedThenDeliveredExactlyOnce() {
        List<List<SpanData>> batches = spans();
        List<CompletableResultCode> results = new ArrayList<>();
        batches.forEach(batch -> results.add(exporter.export(batch)));

        // Every batch's first attempt is refused; the SDK now waits about a second before retrying.
        Await.until(() -> daemon.counter("otelcol.processor.memory.limiter.refused.spans") >= SPANS, WAIT,
                () -> "refused so far: " + daemon.counter("otelcol.processor.memory.limiter.refused.spans"));
        int passedWhileOver = backend.spanCount();
        usedMib.set(40);

        assertThat(passedWhileOver).as("nothing passes while over the limit").isZero();
        // The receiver counts a refusal once it comes back from the pipeline, after the limiter counted it.
        Await.until(() -> daemon.counter("otelcol.receiver.refused.spans") >= SPANS, WAIT,
                () -> "refused at the receiver so far: " + daemon.counter("otelcol.receiver.refused.spans"));
        CompletableResultCode.ofAll(results).join(WAIT.toSeconds(), TimeUnit.SECONDS);
        assertThat(results).allSatisfy(r -> assertThat(r.isSuccess()).as("the SDK's export succeeded after retrying").isTrue());
        backend.awaitSpans(SPANS, WAIT);
        List<String> received = backend.spans().stream().map(Span::getSpanId)
                .map(id -> HexFormat.of().formatHex(id.toByteArray())).toList();
        Set<String> sent = batches.stream().flatMap(List::stream).map(SpanData::getSpanId).collect(Collectors.toSet());
        assertThat(received).as("every span exactly once").hasSize(SPANS).doesNotHaveDuplicates();
        assertThat(Set.copyOf(received)).isEqualTo(sent);
        assertThat(daemon.counter("otelcol.processor.memory.limiter.accepted.spans")).isEqualTo(SPANS);
        assertThat(daemon.metric("otelcol_processor_memory_limiter_accepted_spans", "processor", "memory_limiter")).isEqualTo(SPANS);
    }

    /** The daemon's components, but with a {@code memory_limiter} that reads {@link #usedMib} instead of the JVM's heap. */
    private Components componentsWithTestHeap() {
        Heap heap = new Heap() {
            @Override
            public long usedBytes() {
                return usedMib.get() * MIB;
            }

            @Override
            public long maxBytes() {
                return 1024 * MIB;
            }

            @Override
            public void collect() {
            }
        };
        Components discovered = Components.discover();
        List<ComponentFactory<?>> factories = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            discovered.of(kind).stream().filter(f -> !(f instanceof MemoryLimiterProcessorFactory)).forEach(factories::add);
        }
        factories.add(new MemoryLimiterProcessorFactory(heap));
        return Components.of(factories);
    }

    /** {@link #BATCHES} batches of real SDK spans, collected as they end. */
    private static List<List<SpanData>> spans() {
        List<SpanData> ended = new CopyOnWriteArrayList<>();
        SdkTracerProvider provider = SdkTracerProvider.builder().addSpanProcessor(new SpanProcessor() {
            @Override
            public void onStart(Context parentContext, ReadWriteSpan span) {
            }

            @Override
            public boolean isStartRequired() {
                return false;
            }

            @Override
            public void onEnd(ReadableSpan span) {
                ended.add(span.toSpanData());
            }

            @Override
            public boolean isEndRequired() {
                return true;
            }
        }).build();
        for (int i = 0; i < SPANS; i++) {
            provider.get("memory-limiter-e2e").spanBuilder("op-" + i).startSpan().end();
        }
        provider.shutdown().join(10, TimeUnit.SECONDS);
        List<List<SpanData>> batches = new ArrayList<>();
        for (int i = 0; i < SPANS; i += SPANS_PER_BATCH) {
            batches.add(List.copyOf(ended.subList(i, i + SPANS_PER_BATCH)));
        }
        return batches;
    }
}
