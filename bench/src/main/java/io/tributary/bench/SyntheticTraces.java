package io.tributary.bench;

import static io.tributary.bench.SyntheticShop.INSTRUMENTATION_VERSION;
import static io.tributary.bench.SyntheticShop.ROUTES;
import static io.tributary.bench.SyntheticShop.SCHEMA_URL;
import static io.tributary.bench.SyntheticShop.SERVICES;
import static io.tributary.bench.SyntheticShop.TABLES;
import static io.tributary.bench.SyntheticShop.integer;
import static io.tributary.bench.SyntheticShop.pick;
import static io.tributary.bench.SyntheticShop.randomBytes;
import static io.tributary.bench.SyntheticShop.scope;
import static io.tributary.bench.SyntheticShop.string;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

/**
 * Export requests that look like what an instrumented shop sends a gateway collector: several
 * services, each with the resource attributes SDKs and k8s detectors set, HTTP server and client
 * spans, database spans, the odd exception event, and real parent/child links. Deterministic for
 * a given seed so every run sends the same bytes.
 */
final class SyntheticTraces {
    private static final InstrumentationScope HTTP_SCOPE = scope("io.opentelemetry.netty-4.1", INSTRUMENTATION_VERSION);
    private static final InstrumentationScope JDBC_SCOPE = scope("io.opentelemetry.jdbc", INSTRUMENTATION_VERSION);
    private static final InstrumentationScope APP_SCOPE = scope("io.opentelemetry.opentelemetry-instrumentation-annotations-1.16", INSTRUMENTATION_VERSION);

    private final SplittableRandom random;
    private final Map<String, Resource> resources;
    private long clockNanos = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());

    SyntheticTraces(long seed) {
        this.random = new SplittableRandom(seed);
        this.resources = SyntheticShop.resources(random);
    }

    /**
     * The next request: traces until exactly {@code spans} spans (the last one cut short), grouped
     * by service and scope. Each span takes its place in the budget before its children do, so
     * the count never overshoots.
     */
    ExportTraceServiceRequest nextRequest(int spans) {
        Map<String, Map<InstrumentationScope, List<Span>>> byService = new LinkedHashMap<>();
        Trace trace = new Trace(byService, spans);
        while (trace.remaining > 0) {
            trace.server("frontend", "GET " + pick(random, ROUTES), null, clockNanos, 2 + random.nextInt(3));
            trace.newTraceId();
            clockNanos += TimeUnit.MILLISECONDS.toNanos(1 + random.nextInt(5));
        }
        ExportTraceServiceRequest.Builder request = ExportTraceServiceRequest.newBuilder();
        byService.forEach((service, scopes) -> {
            ResourceSpans.Builder rs = request.addResourceSpansBuilder()
                    .setResource(resources.get(service))
                    .setSchemaUrl(SCHEMA_URL);
            scopes.forEach((scope, list) -> rs.addScopeSpans(ScopeSpans.newBuilder().setScope(scope).addAllSpans(list)));
        });
        return request.build();
    }

    private final class Trace {
        private final Map<String, Map<InstrumentationScope, List<Span>>> sink;
        /** Spans still allowed in this request, counting those started but not yet emitted. */
        private int remaining;
        private ByteString traceId = randomBytes(random, 16);

        Trace(Map<String, Map<InstrumentationScope, List<Span>>> sink, int spans) {
            this.sink = sink;
            this.remaining = spans;
        }

        void newTraceId() {
            traceId = randomBytes(random, 16);
        }

        /** An HTTP server span with its handler's work beneath it; returns its end time. */
        long server(String service, String name, ByteString parent, long start, int calls) {
            remaining--;
            ByteString id = randomBytes(random, 8);
            String route = name.substring(name.indexOf(' ') + 1);
            long t = start + micros(20, 200);
            for (int i = 0; i < calls && remaining > 0; i++) {
                t = switch (random.nextInt(3)) {
                    case 0 -> database(service, id, t);
                    case 1 -> internal(service, id, t);
                    default -> httpClient(service, id, t);
                };
            }
            long end = t + micros(50, 500);
            int status = random.nextInt(50) == 0 ? 500 : 200;
            Span.Builder span = span(name, parent, id, Span.SpanKind.SPAN_KIND_SERVER, start, end)
                    .addAttributes(string("http.request.method", "GET"))
                    .addAttributes(string("url.path", route.replace("{id}", Integer.toString(random.nextInt(10_000)))))
                    .addAttributes(string("url.scheme", "http"))
                    .addAttributes(string("http.route", route))
                    .addAttributes(integer("http.response.status_code", status))
                    .addAttributes(string("network.protocol.version", "1.1"))
                    .addAttributes(string("server.address", service))
                    .addAttributes(integer("server.port", 8080))
                    .addAttributes(string("client.address", "10.42." + random.nextInt(256) + "." + random.nextInt(256)))
                    .addAttributes(string("user_agent.original", "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36"));
            if (status == 500) {
                span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
                span.addEvents(exception(end - 1_000, "java.lang.IllegalStateException", "downstream " + pick(random, SERVICES) + " timed out"));
            }
            emit(service, HTTP_SCOPE, span);
            return end;
        }

        private long httpClient(String service, ByteString parent, long start) {
            remaining--;
            String target = SERVICES[1 + random.nextInt(SERVICES.length - 1)];
            String route = pick(random, ROUTES);
            ByteString id = randomBytes(random, 8);
            long end = remaining > 0
                    ? server(target, "GET " + route, id, start + micros(100, 400), random.nextInt(3)) + micros(50, 300)
                    : start + micros(500, 5_000);
            emit(service, HTTP_SCOPE, span("GET", parent, id, Span.SpanKind.SPAN_KIND_CLIENT, start, end)
                    .addAttributes(string("http.request.method", "GET"))
                    .addAttributes(string("url.full", "http://" + target + ":8080" + route))
                    .addAttributes(string("server.address", target))
                    .addAttributes(integer("server.port", 8080))
                    .addAttributes(integer("http.response.status_code", 200)));
            return end;
        }

        private long database(String service, ByteString parent, long start) {
            remaining--;
            String table = pick(random, TABLES);
            long end = start + micros(300, 8_000);
            Span.Builder span = span("SELECT shop." + table, parent, randomBytes(random, 8), Span.SpanKind.SPAN_KIND_CLIENT, start, end)
                    .addAttributes(string("db.system", "postgresql"))
                    .addAttributes(string("db.namespace", "shop"))
                    .addAttributes(string("db.operation.name", "SELECT"))
                    .addAttributes(string("db.collection.name", table))
                    .addAttributes(string("db.query.text", "SELECT id, status, total, updated_at FROM " + table + " WHERE customer_id = ? AND status = ? LIMIT ?"))
                    .addAttributes(string("server.address", "postgres.shop.svc.cluster.local"))
                    .addAttributes(integer("server.port", 5432));
            emit(service, JDBC_SCOPE, span);
            return end;
        }

        private long internal(String service, ByteString parent, long start) {
            remaining--;
            long end = start + micros(10, 2_000);
            Span.Builder span = span(service + ".handle", parent, randomBytes(random, 8), Span.SpanKind.SPAN_KIND_INTERNAL, start, end)
                    .addAttributes(string("code.function.name", "handle"))
                    .addAttributes(string("code.namespace", "shop." + service.replace("-", "") + ".Handler"))
                    .addAttributes(integer("app.items", random.nextInt(20)));
            if (random.nextInt(4) == 0) {
                span.addEvents(Span.Event.newBuilder()
                        .setTimeUnixNano(start + (end - start) / 2)
                        .setName("cache miss")
                        .addAttributes(string("cache.key", "item:" + random.nextInt(100_000))));
            }
            emit(service, APP_SCOPE, span);
            return end;
        }

        private Span.Builder span(String name, ByteString parent, ByteString id, Span.SpanKind kind, long start, long end) {
            Span.Builder span = Span.newBuilder()
                    .setTraceId(traceId)
                    .setSpanId(id)
                    .setName(name)
                    .setKind(kind)
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(end)
                    .setFlags(0x101);
            if (parent != null) {
                span.setParentSpanId(parent);
            }
            return span;
        }

        private void emit(String service, InstrumentationScope scope, Span.Builder span) {
            sink.computeIfAbsent(service, s -> new LinkedHashMap<>())
                    .computeIfAbsent(scope, s -> new ArrayList<>())
                    .add(span.build());
        }
    }

    private Span.Event exception(long time, String type, String message) {
        return Span.Event.newBuilder()
                .setTimeUnixNano(time)
                .setName("exception")
                .addAllAttributes(SyntheticShop.exception(type, message))
                .build();
    }

    private long micros(int min, int max) {
        return TimeUnit.MICROSECONDS.toNanos(min + random.nextInt(max - min));
    }
}
