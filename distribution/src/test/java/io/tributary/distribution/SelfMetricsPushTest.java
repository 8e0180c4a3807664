package io.tributary.distribution;

import static io.tributary.testkit.TestMetrics.metric;
import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.google.protobuf.Message;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.metrics.v1.AggregationTemporality;
import io.opentelemetry.proto.metrics.v1.Metric;
import io.opentelemetry.proto.metrics.v1.NumberDataPoint;
import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tributary.core.data.Signal;
import io.tributary.core.telemetry.SelfMetric;
import io.tributary.core.telemetry.push.PeriodicPush;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.PrometheusScrape;
import io.tributary.testkit.TestCertificate;
import io.tributary.testkit.TestHttpServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * A daemon whose {@code service::telemetry} has a {@code periodic} reader pushes its own metrics over
 * OTLP, outside every pipeline, to a backend in the test: over HTTP/protobuf (the final push on
 * shutdown, cumulative) and over gRPC (every interval, deltas, gzip, headers), each with the values
 * {@code /metrics} shows, otelcol's names and scopes, and {@code target_info}'s resource.
 */
class SelfMetricsPushTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** Longer than any test: only the push on shutdown happens. */
    private static final int HOURLY = 3_600_000;

    private OtlpBackend traces;

    @BeforeEach
    void startTraceBackend() {
        traces = OtlpBackend.start();
    }

    @AfterEach
    void stopTraceBackend() {
        traces.close();
    }

    @Test
    void httpProtobufPushOnShutdownCarriesWhatTheMetricsEndpointShowed() throws Exception {
        try (TestHttpServer backend = TestHttpServer.answering("/", 200);
             DaemonHarness daemon = daemon(HOURLY, """
                     protocol: http/protobuf
                     endpoint: %s""".formatted(backend.url()))) {
            send(daemon, 3);
            PrometheusScrape scrape = PrometheusScrape.parse(daemon.scrape());
            double accepted = scrape.sum("otelcol_receiver_accepted_spans_total", Map.of("receiver", "otlp", "transport", "grpc"));
            double sent = scrape.sum("otelcol_exporter_sent_spans_total", Map.of("exporter", "otlp"));
            assertThat(accepted).isEqualTo(3);
            assertThat(sent).isEqualTo(3);
            Map<String, String> targetInfo = scrape.families().get("target_info").samples().get(0).labels();
            assertThat(backend.requests()).as("nothing before the interval").isEmpty();

            daemon.close();

            assertThat(backend.requests()).hasSize(1);
            TestHttpServer.Request post = backend.requests().get(0);
            assertThat(post.method()).isEqualTo("POST");
            assertThat(post.path()).isEqualTo("/v1/metrics");
            assertThat(post.header("Content-Type")).isEqualTo("application/x-protobuf");
            ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(post.body());
            ResourceMetrics resourceMetrics = request.getResourceMetrics(0);
            assertThat(attributes(resourceMetrics.getResource().getAttributesList())).containsExactlyInAnyOrderEntriesOf(Map.of(
                    "service.name", "tributary",
                    "service.version", targetInfo.get("service_version"),
                    "service.instance.id", targetInfo.get("service_instance_id"),
                    "deployment.environment", "e2e"));
            assertThat(resourceMetrics.getScopeMetricsList()).flatExtracting(ScopeMetrics::getMetricsList).extracting(Metric::getName)
                    .allMatch(name -> name.startsWith("otelcol_") || name.startsWith("tributary_"))
                    .noneMatch(name -> name.endsWith("_total") || name.equals("target_info"));
            Metric acceptedMetric = metric(request, SelfMetric.Scope.RECEIVER.scopeName(), "otelcol_receiver_accepted_spans");
            assertThat(acceptedMetric.getUnit()).isEqualTo(SelfMetric.RECEIVER_ACCEPTED_SPANS.unit());
            assertThat(acceptedMetric.getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_CUMULATIVE);
            assertThat(value(acceptedMetric, Map.of("receiver", "otlp", "transport", "grpc"))).isEqualTo((long) accepted);
            assertThat(value(metric(request, SelfMetric.Scope.EXPORTER.scopeName(), "otelcol_exporter_sent_spans"), Map.of("exporter", "otlp")))
                    .isEqualTo((long) sent);
            assertThat(metric(request, SelfMetric.Scope.SERVICE.scopeName(), "otelcol_process_uptime").getSum().getDataPoints(0).getAsDouble())
                    .isPositive();
        }
    }

    @Test
    void grpcPushSendsDeltasEveryIntervalCompressedAndWithTheHeaders() throws Exception {
        try (GrpcMetricsBackend backend = new GrpcMetricsBackend();
             DaemonHarness daemon = daemon(100, """
                     protocol: grpc
                     endpoint: 127.0.0.1:%d
                     insecure: true
                     compression: gzip
                     temporality_preference: delta
                     headers: [{name: x-tenant, value: team-a}]""".formatted(backend.port()))) {
            send(daemon, 4);
            double accepted = daemon.metric("otelcol_receiver_accepted_spans_total", "receiver", "otlp", "transport", "grpc");
            assertThat(accepted).isEqualTo(4);

            // Each push carries what was accepted since the one before: together, what /metrics counts.
            Await.until(() -> backend.acceptedSpans() == (long) accepted, WAIT,
                    () -> "pushed deltas add up to " + backend.acceptedSpans() + ", /metrics shows " + accepted);
            GrpcMetricsBackend.Received last = backend.received.get(backend.received.size() - 1);
            assertThat(metric(last.request(), SelfMetric.Scope.RECEIVER.scopeName(), "otelcol_receiver_accepted_spans")
                    .getSum().getAggregationTemporality()).isEqualTo(AggregationTemporality.AGGREGATION_TEMPORALITY_DELTA);
            assertThat(last.header("x-tenant")).isEqualTo("team-a");
            assertThat(last.header("grpc-encoding")).isEqualTo("gzip");
        }
    }

    @Test
    void httpsPushTrustsTheConfiguredCertificate() throws Exception {
        TestCertificate certificate = TestCertificate.localhost();
        try (TestHttpServer backend = TestHttpServer.startTls(certificate, "/", request -> TestHttpServer.Reply.of(200));
             DaemonHarness daemon = daemon(HOURLY, """
                     protocol: http/protobuf
                     endpoint: %s/custom/metrics
                     compression: gzip
                     certificate: '%s'""".formatted(backend.url(), certificate.certFile()))) {
            send(daemon, 1);

            daemon.close();

            assertThat(backend.requests()).hasSize(1);
            TestHttpServer.Request post = backend.requests().get(0);
            assertThat(post.path()).as("the endpoint's own path").isEqualTo("/custom/metrics");
            assertThat(post.header("Content-Encoding")).isEqualTo("gzip");
            try (GZIPInputStream body = new GZIPInputStream(new ByteArrayInputStream(post.body()))) {
                ExportMetricsServiceRequest request = ExportMetricsServiceRequest.parseFrom(body);
                assertThat(value(metric(request, SelfMetric.Scope.RECEIVER.scopeName(), "otelcol_receiver_accepted_spans"),
                        Map.of("receiver", "otlp", "transport", "grpc"))).isEqualTo(1);
            }
        }
    }

    @Test
    void aFailingBackendIsReportedOnceAMinuteAndThePushGoesOn() throws Exception {
        Logger pushLog = (Logger) LoggerFactory.getLogger(PeriodicPush.class);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        pushLog.addAppender(logged);
        try (TestHttpServer backend = TestHttpServer.answering("/", 200)) {
            backend.failNext(3, 503, null);
            try (DaemonHarness daemon = daemon(50, "{protocol: http/protobuf, endpoint: '%s'}".formatted(backend.url()))) {
                Await.until(() -> !backend.requests().isEmpty(), WAIT, () -> "no push got through after " + backend.attempts() + " attempts");

                assertThat(backend.attempts()).isGreaterThan(3);
                assertThat(daemon.scrape()).as("the daemon runs on").contains("otelcol_process_uptime");
            }
        } finally {
            pushLog.detachAppender(logged);
        }
        List<String> warnings = logged.list.stream().filter(event -> event.getLevel() == Level.WARN)
                .map(ILoggingEvent::getFormattedMessage).toList();
        assertThat(warnings).hasSize(1);
        assertThat(warnings.get(0)).contains("pushing self-metrics to http://localhost:").contains("HTTP 503");
    }

    /** A daemon receiving OTLP/gRPC spans for an OTLP exporter, with a pull reader and a periodic reader through {@code otlp}. */
    private DaemonHarness daemon(int interval, String otlp) throws Exception {
        return new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:0
                exporters:
                  otlp:
                    endpoint: 127.0.0.1:%d
                    tls: {insecure: true}
                    sending_queue: {enabled: false}
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp]
                  telemetry:
                    resource:
                      deployment.environment: e2e
                    metrics:
                      readers:
                        - pull:
                            exporter:
                              prometheus: {host: 127.0.0.1, port: 0}
                        - periodic:
                            interval: %d
                            exporter:
                              otlp:
                %s
                """.formatted(traces.port(), interval, otlp.indent(20)));
    }

    private void send(DaemonHarness daemon, int spans) {
        DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.of(AttributeKey.stringKey("service.name"), "shop"), tracer -> {
            for (int i = 0; i < spans; i++) {
                tracer.spanBuilder("GET /cart").startSpan().end();
            }
        });
        traces.awaitSpans(spans, WAIT);
    }

    /** The value of the sum's point with exactly these attributes. */
    private static long value(Metric sum, Map<String, String> attributes) {
        return sum.getSum().getDataPointsList().stream().filter(point -> attributes(point.getAttributesList()).equals(attributes))
                .mapToLong(NumberDataPoint::getAsInt).findFirst()
                .orElseThrow(() -> new AssertionError("no point " + attributes + " in " + sum));
    }

    private static Map<String, String> attributes(List<KeyValue> attributes) {
        return attributes.stream().collect(Collectors.toMap(KeyValue::getKey, kv -> kv.getValue().getStringValue()));
    }

    /** An OTLP/gRPC metrics backend for these tests only: records every export call with its headers. */
    private static final class GrpcMetricsBackend implements AutoCloseable {
        private static final Context.Key<Metadata> HEADERS = Context.key("metrics-backend-headers");

        record Received(ExportMetricsServiceRequest request, Metadata headers) {
            String header(String name) {
                return headers.get(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER));
            }
        }

        final List<Received> received = new CopyOnWriteArrayList<>();
        private final Server server;

        GrpcMetricsBackend() {
            MethodDescriptor<ExportMetricsServiceRequest, Message> export =
                    Signal.METRICS.exportMethod(ProtoUtils.marshaller(ExportMetricsServiceRequest.getDefaultInstance()));
            ServerServiceDefinition service = ServerServiceDefinition.builder(export.getServiceName())
                    .addMethod(export, ServerCalls.asyncUnaryCall((ExportMetricsServiceRequest request, StreamObserver<Message> response) -> {
                        received.add(new Received(request, HEADERS.get()));
                        response.onNext(Signal.METRICS.emptyResponse());
                        response.onCompleted();
                    }))
                    .build();
            ServerInterceptor headers = new ServerInterceptor() {
                @Override
                public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata metadata, ServerCallHandler<Q, R> next) {
                    return Contexts.interceptCall(Context.current().withValue(HEADERS, metadata), call, metadata, next);
                }
            };
            try {
                server = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
                        .addService(ServerInterceptors.intercept(service, headers))
                        .build().start();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        int port() {
            return server.getPort();
        }

        /** The receiver's accepted spans over OTLP/gRPC, added up over every push. */
        long acceptedSpans() {
            return received.stream()
                    .flatMap(r -> r.request().getResourceMetricsList().stream())
                    .flatMap(rm -> rm.getScopeMetricsList().stream())
                    .flatMap(sm -> sm.getMetricsList().stream())
                    .filter(metric -> metric.getName().equals("otelcol_receiver_accepted_spans"))
                    .flatMap(metric -> metric.getSum().getDataPointsList().stream())
                    .filter(point -> attributes(point.getAttributesList()).equals(Map.of("receiver", "otlp", "transport", "grpc")))
                    .mapToLong(NumberDataPoint::getAsInt).sum();
        }

        @Override
        public void close() throws InterruptedException {
            server.shutdownNow().awaitTermination(10, TimeUnit.SECONDS);
        }
    }
}
