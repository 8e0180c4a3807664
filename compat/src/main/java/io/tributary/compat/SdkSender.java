package io.tributary.compat;

import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.tributary.testkit.SplitMix64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;

/**
 * One service instrumented with the OpenTelemetry Java SDK, sending over OTLP/gRPC to a
 * collector, with every trace ID, span ID and timestamp fixed: the same calls give every
 * collector of a scenario the same spans. For traffic in bulk (fleets); the SDK's queue holds
 * all of it, so nothing is dropped before {@link #flush}.
 */
final class SdkSender implements AutoCloseable {
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final int QUEUE = 1 << 17;
    private static final int FLUSH_TIMEOUT_SECONDS = 60;

    private final SdkTracerProvider provider;
    private final Tracer tracer;
    /** The trace ID the next root span gets: the SDK asks the generator for it while starting the span. */
    private String nextTraceId;
    private long spans;

    /** @param service the resource's {@code service.name}; null for a resource without attributes */
    SdkSender(int port, String service) {
        this(port, service == null ? Attributes.empty() : Attributes.of(stringKey("service.name"), service),
                service == null ? 0 : service.hashCode());
    }

    /**
     * A service whose resource has exactly {@code resource}'s attributes.
     *
     * @param spanIdSeed span IDs differ between services of different seeds, so that two services' spans of one trace never share one
     */
    SdkSender(int port, Attributes resource, long spanIdSeed) {
        OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + port).build();
        SplitMix64 spanIds = new SplitMix64(spanIdSeed);
        provider = SdkTracerProvider.builder()
                .setResource(Resource.create(resource))
                .setIdGenerator(new IdGenerator() {
                    @Override
                    public String generateSpanId() {
                        return String.format("%016x", spanIds.nextLong());
                    }

                    @Override
                    public String generateTraceId() {
                        return nextTraceId;
                    }
                })
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).setMaxQueueSize(QUEUE).setMaxExportBatchSize(512).build())
                .build();
        tracer = provider.get("compat.fleet");
    }

    /** Ends a root span of the trace {@code traceId} (16 bytes) and gives its context, for children elsewhere. */
    SpanContext root(byte[] traceId, String name) {
        nextTraceId = HexFormat.of().formatHex(traceId);
        return end(tracer.spanBuilder(name).setNoParent());
    }

    /** Ends a child span of {@code parent} (possibly another service's span). */
    SpanContext child(SpanContext parent, String name) {
        return end(tracer.spanBuilder(name).setParent(Context.root().with(Span.wrap(parent))));
    }

    private SpanContext end(SpanBuilder builder) {
        long start = T0 + 1000 * spans++;
        Span span = builder.setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
        span.end(start + 500, TimeUnit.NANOSECONDS);
        return span.getSpanContext();
    }

    /**
     * Waits until the collector has answered for every span so far.
     *
     * @return whether it took them all (a refusal or a timeout is false)
     */
    boolean flush() {
        return provider.forceFlush().join(FLUSH_TIMEOUT_SECONDS, TimeUnit.SECONDS).isSuccess();
    }

    @Override
    public void close() {
        provider.close();
    }
}
