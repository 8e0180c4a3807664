package io.tributary.compat;

import static io.opentelemetry.api.common.AttributeKey.longKey;
import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.IdGenerator;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Traffic for RED metrics (the {@code spanmetrics} and {@code servicegraph} connectors): the
 * spans of a small shop, {@code frontend} calling {@code backend}, a database, services that send
 * no spans, and {@code worker} over a queue, made by the OpenTelemetry Java SDK (one tracer
 * provider per service) with fixed trace and span IDs and exact durations, so both collectors
 * count the same calls into the same histogram buckets. The SDK's OTLP/gRPC exporter sends them
 * in three requests, the first holding the spans of two services as a gateway receives them from
 * an agent, so one call's client and server spans arrive together or apart as a round chooses.
 *
 * <p>A round, with the service-graph edge each trace makes:
 * <ol>
 * <li>{@code GET /api/cart}: frontend client (10 ms, on a bucket bound) → backend server (8 ms),
 * which has an internal child; both sides in one request: edge frontend → backend.
 * <li>{@code GET /api/user}: the client (3 ms) in the first request, the server (1.5 ms, status OK)
 * in the second: the same edge, paired across requests.
 * <li>{@code POST /api/checkout}: the server span (100 ms) has status ERROR: a failed edge.
 * <li>{@code SELECT carts}: a backend client span with {@code db.system} and {@code db.name}: a
 * {@code database} edge backend → carts at once, without a server side.
 * <li>{@code GET session}: a client span with only {@code db.system: redis}, no server side:
 * after the store's TTL a {@code virtual_node} edge frontend → redis.
 * <li>{@code POST /charge}: a 20 s client span with {@code peer.service: payments} (past every
 * bucket), no server side: virtual edge frontend → payments.
 * <li>{@code GET /legacy}: a client span naming no peer: virtual edge frontend → unknown.
 * <li>{@code GET /}: a frontend server span without parent (1.2 s) and an internal child of zero
 * duration: virtual edge user → frontend.
 * <li>{@code orders}: a frontend producer span (first request) → worker consumer (42 ms, third
 * request): a {@code messaging_system} edge.
 * </ol>
 */
final class RedTraffic implements AutoCloseable {
    static final String FRONTEND = "frontend";
    static final String BACKEND = "backend";
    static final String WORKER = "worker";
    /** Spans one round sends. */
    static final int SPANS = 15;
    /** Service-graph edges one round makes (each counted once in {@code traces_service_graph_request_total}). */
    static final int EDGES = 9;
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final long EXPORT_TIMEOUT_SECONDS = 10;

    private final OtlpGrpcSpanExporter exporter;
    private final Map<String, SdkTracerProvider> services = new LinkedHashMap<>();
    /** The spans ended since the last request, of every service: one request's content. */
    private final List<SpanData> pending = new ArrayList<>();
    private long round;
    private long nextTraceNumber;
    private long nextSpanNumber;

    /** Services that send to the OTLP/gRPC receiver at {@code port} on loopback. */
    RedTraffic(int port) {
        exporter = OtlpGrpcSpanExporter.builder().setEndpoint("http://127.0.0.1:" + port).build();
        service(FRONTEND, Attributes.of(stringKey("service.name"), FRONTEND, stringKey("service.namespace"), "shop",
                stringKey("host.name"), "lab-1"));
        service(BACKEND, Attributes.of(stringKey("service.name"), BACKEND, stringKey("service.instance.id"), "backend-1",
                stringKey("deployment.environment.name"), "lab"));
        service(WORKER, Attributes.of(stringKey("service.name"), WORKER));
    }

    private void service(String name, Attributes resource) {
        SpanExporter collecting = new SpanExporter() {
            @Override
            public CompletableResultCode export(Collection<SpanData> spans) {
                pending.addAll(spans);
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode flush() {
                return CompletableResultCode.ofSuccess();
            }

            @Override
            public CompletableResultCode shutdown() {
                return CompletableResultCode.ofSuccess();
            }
        };
        services.put(name, SdkTracerProvider.builder()
                .setResource(Resource.create(resource))
                .setIdGenerator(new IdGenerator() {
                    @Override
                    public String generateSpanId() {
                        return "%016x".formatted(0x5ba0_0000_0000_0000L | round << 24 | ++nextSpanNumber);
                    }

                    @Override
                    public String generateTraceId() {
                        return "%016x%016x".formatted(0x7ed0_0000_0000_0000L | round, nextTraceNumber);
                    }
                })
                .addSpanProcessor(SimpleSpanProcessor.create(collecting))
                .build());
    }

    /**
     * Sends the round {@code round} (trace and span IDs differ between rounds) and returns once the
     * collector accepted all three requests.
     */
    void sendRound(long round) {
        this.round = round;
        nextSpanNumber = 0;
        SpanContext cart = span(FRONTEND, SpanKind.CLIENT, "GET /api/cart", newTrace(1), millis(10), http("GET", 200), StatusCode.UNSET);
        SpanContext cartServer = span(BACKEND, SpanKind.SERVER, "GET /api/cart", cart, millis(8), http("GET", 200), StatusCode.UNSET);
        span(BACKEND, SpanKind.INTERNAL, "load cart", cartServer, Duration.ofNanos(500_000), Attributes.empty(), StatusCode.UNSET);
        SpanContext user = span(FRONTEND, SpanKind.CLIENT, "GET /api/user", newTrace(2), millis(3), http("GET", 200), StatusCode.UNSET);
        SpanContext checkout = span(FRONTEND, SpanKind.CLIENT, "POST /api/checkout", newTrace(3), millis(120), http("POST", 500),
                StatusCode.UNSET);
        span(BACKEND, SpanKind.SERVER, "POST /api/checkout", checkout, millis(100), http("POST", 500), StatusCode.ERROR);
        span(BACKEND, SpanKind.CLIENT, "SELECT carts", newTrace(4), Duration.ofNanos(2_500_000),
                Attributes.of(stringKey("db.system"), "postgresql", stringKey("db.name"), "carts"), StatusCode.UNSET);
        span(FRONTEND, SpanKind.CLIENT, "GET session", newTrace(5), millis(4), Attributes.of(stringKey("db.system"), "redis"),
                StatusCode.UNSET);
        span(FRONTEND, SpanKind.CLIENT, "POST /charge", newTrace(6), Duration.ofSeconds(20),
                Attributes.of(stringKey("peer.service"), "payments"), StatusCode.UNSET);
        span(FRONTEND, SpanKind.CLIENT, "GET /legacy", newTrace(7), millis(50), Attributes.empty(), StatusCode.UNSET);
        SpanContext home = span(FRONTEND, SpanKind.SERVER, "GET /", newTrace(8), millis(1200), http("GET", 200), StatusCode.UNSET);
        span(FRONTEND, SpanKind.INTERNAL, "render", home, Duration.ZERO, Attributes.empty(), StatusCode.UNSET);
        SpanContext orders = span(FRONTEND, SpanKind.PRODUCER, "orders publish", newTrace(9), millis(1), Attributes.empty(),
                StatusCode.UNSET);
        request();
        span(BACKEND, SpanKind.SERVER, "GET /api/user", user, Duration.ofNanos(1_500_000), http("GET", 200), StatusCode.OK);
        request();
        span(WORKER, SpanKind.CONSUMER, "orders process", orders, millis(42), Attributes.empty(), StatusCode.UNSET);
        request();
    }

    /**
     * The parent of a trace's root span: none (an invalid context, for which the SDK asks the
     * generator for a trace ID), the trace being number {@code number} of the round.
     */
    private SpanContext newTrace(long number) {
        nextTraceNumber = number;
        return SpanContext.getInvalid();
    }

    private SpanContext span(String service, SpanKind kind, String name, SpanContext parent, Duration duration, Attributes attributes,
            StatusCode status) {
        Span span = services.get(service).get("compat.red").spanBuilder(name).setSpanKind(kind)
                .setParent(Context.root().with(Span.wrap(parent))).setAllAttributes(attributes)
                .setStartTimestamp(T0, TimeUnit.NANOSECONDS).startSpan();
        span.setStatus(status);
        span.end(T0 + duration.toNanos(), TimeUnit.NANOSECONDS);
        return span.getSpanContext();
    }

    private static Duration millis(long millis) {
        return Duration.ofMillis(millis);
    }

    private static Attributes http(String method, long status) {
        return Attributes.of(stringKey("http.request.method"), method, longKey("http.response.status_code"), status);
    }

    /** Exports the pending spans as one request and waits for the collector's answer, which must accept them. */
    private void request() {
        CompletableResultCode result = exporter.export(List.copyOf(pending)).join(EXPORT_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (!result.isSuccess()) {
            throw new IllegalStateException("the collector did not accept a request of " + pending.size() + " spans");
        }
        pending.clear();
    }

    @Override
    public void close() {
        services.values().forEach(SdkTracerProvider::close);
        exporter.close();
    }
}
