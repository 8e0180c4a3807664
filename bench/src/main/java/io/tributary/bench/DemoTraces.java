package io.tributary.bench;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.common.v1.KeyValue;
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
import java.util.function.LongSupplier;

/**
 * One shop request at a time, as the services' SDKs would export it: a frontend calls the
 * catalog, the cart or the checkout, which calls the cart and the payment service, each with its
 * database. Each service's spans come as a request of their own, so a collector sees a trace
 * arrive in pieces, as tail sampling and load balancing must handle. About 1 trace in 25 fails
 * (a declined payment, an error up to the root) and as many are slow (a database query over a
 * second), so each of the tutorials' tail-sampling policies has something to keep.
 * Span times are laid out so the trace ends at the clock's now.
 */
final class DemoTraces {
    static final String FRONTEND = "frontend";
    private static final InstrumentationScope HTTP = InstrumentationScope.newBuilder()
            .setName("io.opentelemetry.netty-4.1").setVersion("2.10.0-alpha").build();
    private static final InstrumentationScope JDBC = InstrumentationScope.newBuilder()
            .setName("io.opentelemetry.jdbc").setVersion("2.10.0-alpha").build();

    private final SplittableRandom random;
    private final LongSupplier nowNanos;

    DemoTraces(long seed, LongSupplier nowNanos) {
        this.random = new SplittableRandom(seed);
        this.nowNanos = nowNanos;
    }

    /** The next trace: one export request per service that took part. */
    List<ExportTraceServiceRequest> next() {
        Trace trace = new Trace(bytes(16));
        int dice = random.nextInt(10);
        long end;
        if (dice < 4) {
            end = trace.frontend("GET", "/products/" + random.nextInt(1_000), trace::catalog);
        } else if (dice < 7) {
            end = trace.frontend("GET", "/cart", trace::cart);
        } else {
            end = trace.frontend("POST", "/checkout", trace::checkout);
        }
        return trace.requests(nowNanos.getAsLong() - end);
    }

    /** A downstream call made from {@code parent} at {@code start}; returns when it ended. */
    private interface Call {
        Outcome call(ByteString parent, long start);
    }

    private record Outcome(long end, boolean failed) {
    }

    private record Pending(InstrumentationScope scope, Span.Builder span) {
    }

    private final class Trace {
        private final ByteString traceId;
        private final Map<String, List<Pending>> byService = new LinkedHashMap<>();

        Trace(ByteString traceId) {
            this.traceId = traceId;
        }

        long frontend(String method, String path, Call downstream) {
            ByteString id = bytes(8);
            Outcome outcome = client(FRONTEND, method, id, micros(200, 800), downstream);
            long end = outcome.end() + micros(100, 600);
            Span.Builder span = server(FRONTEND, method + " " + route(path), id, ByteString.EMPTY, 0, end, outcome.failed())
                    // The tutorials' tail-sampling policy keeps /checkout and /payment by this key.
                    .addAttributes(string("http.url", path));
            if (outcome.failed()) {
                span.addEvents(exception(end, "shop.UpstreamException", "checkout failed: payment declined"));
            }
            return end;
        }

        Outcome catalog(ByteString parent, long start) {
            ByteString id = bytes(8);
            long end = query("product-catalog", id, start + micros(50, 200), "SELECT", "products") + micros(50, 300);
            server("product-catalog", "GET /products/{id}", id, parent, start, end, false);
            return new Outcome(end, false);
        }

        Outcome cart(ByteString parent, long start) {
            ByteString id = bytes(8);
            long end = query("cart", id, start + micros(50, 200), "SELECT", "cart_items") + micros(50, 300);
            server("cart", "GET /cart", id, parent, start, end, false);
            return new Outcome(end, false);
        }

        Outcome checkout(ByteString parent, long start) {
            ByteString id = bytes(8);
            Outcome items = client("checkout", "GET", id, start + micros(100, 300), this::cart);
            Outcome payment = client("checkout", "POST", id, items.end() + micros(100, 300), this::payment);
            long t = payment.end();
            if (!payment.failed()) {
                t = query("checkout", id, t + micros(50, 200), "INSERT", "orders");
            }
            long end = t + micros(100, 400);
            server("checkout", "POST /checkout", id, parent, start, end, payment.failed());
            return new Outcome(end, payment.failed());
        }

        Outcome payment(ByteString parent, long start) {
            ByteString id = bytes(8);
            boolean declined = random.nextInt(8) == 0;
            long end = start + micros(20_000, 120_000);
            Span.Builder span = server("payment", "POST /payment", id, parent, start, end, declined)
                    .addAttributes(string("http.url", "/payment"));
            if (declined) {
                span.addEvents(exception(end, "shop.payment.DeclinedException", "card declined by the provider"));
            }
            return new Outcome(end, declined);
        }

        /** An HTTP client span in {@code service} around a call to another service. */
        private Outcome client(String service, String method, ByteString parent, long start, Call callee) {
            ByteString id = bytes(8);
            Outcome outcome = callee.call(id, start + micros(200, 900));
            long end = outcome.end() + micros(100, 500);
            Span.Builder span = span(service, method, id, parent, Span.SpanKind.SPAN_KIND_CLIENT, start, end, HTTP)
                    .addAttributes(string("http.request.method", method))
                    .addAttributes(integer("http.response.status_code", outcome.failed() ? 500 : 200));
            if (outcome.failed()) {
                span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
            }
            return new Outcome(end, outcome.failed());
        }

        private Span.Builder server(String service, String name, ByteString id, ByteString parent, long start, long end, boolean failed) {
            Span.Builder span = span(service, name, id, parent, Span.SpanKind.SPAN_KIND_SERVER, start, end, HTTP)
                    .addAttributes(string("http.request.method", name.substring(0, name.indexOf(' '))))
                    .addAttributes(string("http.route", name.substring(name.indexOf(' ') + 1)))
                    .addAttributes(integer("http.response.status_code", failed ? 500 : 200));
            if (failed) {
                span.setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR));
            }
            return span;
        }

        /** A database query; one in 30 waits on a lock for over a second. */
        private long query(String service, ByteString parent, long start, String operation, String table) {
            boolean slow = random.nextInt(30) == 0;
            long end = start + (slow ? micros(1_100_000, 2_500_000) : micros(300, 6_000));
            span(service, operation + " shop." + table, bytes(8), parent, Span.SpanKind.SPAN_KIND_CLIENT, start, end, JDBC)
                    .addAttributes(string("db.system", "postgresql"))
                    .addAttributes(string("db.operation.name", operation))
                    .addAttributes(string("db.collection.name", table));
            return end;
        }

        private Span.Builder span(String service, String name, ByteString id, ByteString parent, Span.SpanKind kind,
                long start, long end, InstrumentationScope scope) {
            Span.Builder span = Span.newBuilder()
                    .setTraceId(traceId)
                    .setParentSpanId(parent)
                    .setSpanId(id)
                    .setName(name)
                    .setKind(kind)
                    .setStartTimeUnixNano(start)
                    .setEndTimeUnixNano(end);
            byService.computeIfAbsent(service, s -> new ArrayList<>()).add(new Pending(scope, span));
            return span;
        }

        List<ExportTraceServiceRequest> requests(long shiftNanos) {
            List<ExportTraceServiceRequest> requests = new ArrayList<>();
            byService.forEach((service, spans) -> {
                Map<InstrumentationScope, ScopeSpans.Builder> scopes = new LinkedHashMap<>();
                for (Pending pending : spans) {
                    Span.Builder span = pending.span();
                    span.setStartTimeUnixNano(span.getStartTimeUnixNano() + shiftNanos)
                            .setEndTimeUnixNano(span.getEndTimeUnixNano() + shiftNanos);
                    scopes.computeIfAbsent(pending.scope(), s -> ScopeSpans.newBuilder().setScope(s)).addSpans(span);
                }
                ResourceSpans.Builder resource = ResourceSpans.newBuilder().setResource(resource(service));
                scopes.values().forEach(resource::addScopeSpans);
                requests.add(ExportTraceServiceRequest.newBuilder().addResourceSpans(resource).build());
            });
            return requests;
        }
    }

    private static String route(String path) {
        return path.startsWith("/products/") ? "/products/{id}" : path;
    }

    private static Resource resource(String service) {
        return Resource.newBuilder()
                .addAttributes(string("service.name", service))
                .addAttributes(string("service.namespace", "shop"))
                .addAttributes(string("service.version", "1.4.2"))
                .addAttributes(string("deployment.environment.name", "demo"))
                .addAttributes(string("telemetry.sdk.language", "java"))
                .build();
    }

    private static Span.Event exception(long time, String type, String message) {
        return Span.Event.newBuilder()
                .setTimeUnixNano(time)
                .setName("exception")
                .addAttributes(string("exception.type", type))
                .addAttributes(string("exception.message", message))
                .build();
    }

    private long micros(int min, int max) {
        return TimeUnit.MICROSECONDS.toNanos(min + random.nextInt(max - min));
    }

    private ByteString bytes(int n) {
        byte[] bytes = new byte[n];
        random.nextBytes(bytes);
        return ByteString.copyFrom(bytes);
    }

    private static KeyValue string(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setStringValue(value)).build();
    }

    private static KeyValue integer(String key, long value) {
        return KeyValue.newBuilder().setKey(key).setValue(AnyValue.newBuilder().setIntValue(value)).build();
    }
}
