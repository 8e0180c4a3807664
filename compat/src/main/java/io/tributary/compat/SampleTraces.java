package io.tributary.compat;

import static io.tributary.compat.RawSpans.event;
import static io.tributary.compat.RawSpans.resource;
import static io.tributary.compat.RawSpans.scope;
import static io.tributary.compat.RawSpans.span;

import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.Span;
import io.opentelemetry.proto.trace.v1.Span.SpanKind;
import io.opentelemetry.proto.trace.v1.Status;
import java.util.List;

/** One varied request for the scenarios of processors that match and edit spans and resources. */
final class SampleTraces {
    static final ExportTraceServiceRequest REQUEST = request();

    private SampleTraces() {
    }

    /**
     * Four resources (two of service {@code frontend}, one {@code backend}, one without a
     * service name), scopes with and without name and version, spans of every kind with string,
     * int, double, bool and array attributes (strings that read as numbers or not, URLs to
     * extract from), events and statuses.
     */
    private static ExportTraceServiceRequest request() {
        Span getUsers = span(1, 1, "GET /users", SpanKind.SPAN_KIND_SERVER, "http.method", "GET", "http.status_code", 200L,
                "retry", false, "ratio", 0.5, "tags", List.of("a", "b"), "http.url", "https://shop.example.com/users?page=2",
                "retries", "3", "weight", 2.7, "enabled", "true", "user.email", "ada@example.com").toBuilder()
                .addEvents(event("cache-miss", "key", "user:7"))
                .addEvents(event("retry", "attempt", 1L))
                .build();
        Span health = span(1, 2, "GET /health", SpanKind.SPAN_KIND_SERVER, "http.method", "GET", "http.status_code", 200L,
                "http.url", "http://localhost:8080/health", "retries", "not a number", "weight", "1e3");
        Span postOrders = span(1, 3, "POST /orders", SpanKind.SPAN_KIND_SERVER, "http.method", "POST", "http.status_code", 500L)
                .toBuilder().setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_ERROR).setMessage("boom")).build();
        Span select = span(1, 4, "SELECT users", SpanKind.SPAN_KIND_CLIENT, "db.system", "postgresql",
                "db.statement", "SELECT * FROM users", "db.name", "shop", "retries", -1L);
        Span pay = span(2, 5, "Checkout/Pay", SpanKind.SPAN_KIND_CLIENT, "rpc.service", "Checkout", "peer.service", "payments",
                "count", 42L);
        Span internal = span(2, 6, "internal work", SpanKind.SPAN_KIND_INTERNAL).toBuilder()
                .addEvents(event("log", "level", "debug")).addEvents(event("log", "level", "info")).build();
        Span decode = span(2, 11, "decode", SpanKind.SPAN_KIND_INTERNAL, "ratio", 0.25);
        Span publish = span(2, 7, "queue publish", SpanKind.SPAN_KIND_PRODUCER, "messaging.system", "kafka").toBuilder()
                .setStatus(Status.newBuilder().setCode(Status.StatusCode.STATUS_CODE_OK)).build();
        Span orphan = span(3, 8, "orphan", SpanKind.SPAN_KIND_CONSUMER);
        Span getUser = span(4, 9, "GET /users/{id}", SpanKind.SPAN_KIND_SERVER, "http.method", "GET", "http.status_code", 404L);
        Span metrics = span(4, 10, "GET /metrics", SpanKind.SPAN_KIND_UNSPECIFIED, "http.method", "GET", "http.status_code", 200L);
        return ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(resource(List.of("service.name", "frontend", "host.name", "web-1",
                                "deployment.environment", "prod", "process.pid", 1234L, "cloud.region", "eu-west-1"),
                        scope("io.opentelemetry.http", "1.2.0", getUsers, health, postOrders),
                        scope("io.opentelemetry.jdbc", "2.0.1", select)))
                .addResourceSpans(resource(List.of("service.name", "backend", "host.name", "api-2", "build.number", "57",
                                "k8s.namespace.name", "shop-prod", "container.image.name", "registry.example.com/shop/api:1.4.2"),
                        scope("grpc", "", pay, internal, decode),
                        scope("", "", publish)))
                .addResourceSpans(resource(List.of("telemetry.sdk.language", "java"),
                        scope("io.opentelemetry.kafka", "1.0.0", orphan)))
                .addResourceSpans(resource(List.of("service.name", "frontend", "k8s.pod.name", "pod-1"),
                        scope("io.opentelemetry.http", "1.3.0", getUser, metrics)))
                .build();
    }
}
