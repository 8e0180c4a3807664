package io.tributary.compat;

import static io.opentelemetry.api.common.AttributeKey.booleanArrayKey;
import static io.opentelemetry.api.common.AttributeKey.booleanKey;
import static io.opentelemetry.api.common.AttributeKey.doubleArrayKey;
import static io.opentelemetry.api.common.AttributeKey.doubleKey;
import static io.opentelemetry.api.common.AttributeKey.longArrayKey;
import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringArrayKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What an instrumented service sends: the OpenTelemetry Java SDK exporting over OTLP/gRPC three
 * spans in two traces and two scopes of service {@code compat-lab}, with every attribute type, an
 * event, a link and each status. Ids and timestamps are fixed so every collector gets identical
 * requests.
 */
final class SdkTraffic {
    static final int SPANS = 3;
    static final String SERVICE = "compat-lab";
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);

    private SdkTraffic() {
    }

    /** Sends the spans to the OTLP/gRPC receiver at {@code port} on loopback and waits until the SDK flushed them. */
    static void send(int port) {
        OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + port).build();
        AtomicLong ids = new AtomicLong();
        try (SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(Attributes.of(stringKey("service.name"), SERVICE, stringKey("host.name"), "lab")))
                .setIdGenerator(new IdGenerator() {
                    @Override
                    public String generateSpanId() {
                        return String.format("%016x", ids.incrementAndGet());
                    }

                    @Override
                    public String generateTraceId() {
                        return String.format("%032x", ids.incrementAndGet() << 40);
                    }
                })
                .setClock(new FixedClock())
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build()) {
            Tracer http = provider.tracerBuilder("compat.http").setInstrumentationVersion("1.2.3")
                    .setSchemaUrl("https://opentelemetry.io/schemas/1.21.0").build();
            Tracer db = provider.get("compat.db");
            Span root = http.spanBuilder("GET /users/{id}").setSpanKind(SpanKind.SERVER).setStartTimestamp(T0, TimeUnit.NANOSECONDS)
                    .setAllAttributes(Attributes.builder()
                            .put(stringKey("http.method"), "GET").put(longKey("http.status_code"), 500L)
                            .put(booleanKey("retry"), true).put(doubleKey("ratio"), 0.25)
                            .put(stringArrayKey("tags"), List.of("a", "", "ü")).put(longArrayKey("ports"), List.of(1L, -2L))
                            .put(booleanArrayKey("flags"), List.of(true, false)).put(doubleArrayKey("weights"), List.of(1.5, -0.0))
                            .put(stringKey("empty"), "").build())
                    .startSpan();
            root.addEvent("cache-miss", Attributes.of(stringKey("key"), "user:7"), T0 + 1_000, TimeUnit.NANOSECONDS);
            root.setStatus(StatusCode.ERROR, "upstream failed");
            Span query = db.spanBuilder("SELECT users").setSpanKind(SpanKind.CLIENT).setParent(Context.root().with(root))
                    .setStartTimestamp(T0 + 2_000, TimeUnit.NANOSECONDS).addLink(root.getSpanContext(), Attributes.of(stringKey("why"), "retry"))
                    .startSpan();
            query.end(T0 + 3_000, TimeUnit.NANOSECONDS);
            Span internal = db.spanBuilder("decode").setStartTimestamp(T0 + 4_000, TimeUnit.NANOSECONDS).startSpan();
            internal.setStatus(StatusCode.OK);
            internal.end(T0 + 5_000, TimeUnit.NANOSECONDS);
            root.end(T0 + 6_000, TimeUnit.NANOSECONDS);
            provider.forceFlush().join(FLUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Timestamps are all explicit; the clock only keeps anything the SDK reads from it fixed too. */
    static final class FixedClock implements Clock {
        @Override
        public long now() {
            return T0;
        }

        @Override
        public long nanoTime() {
            return 0;
        }
    }
}
