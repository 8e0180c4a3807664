package io.tributary.exporter.loadbalancing;

import static io.tributary.testkit.TestTraces.resource;
import static io.tributary.testkit.TestTraces.scope;
import static io.tributary.testkit.TestTraces.span;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.data.Traces;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.OtlpBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The exporter as the service creates it, with the static resolver, over real gRPC to in-test OTLP backends. */
class LoadBalancingExporterTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestRuntime runtime = new TestRuntime();
    private final List<OtlpBackend> backends = List.of(OtlpBackend.start(), OtlpBackend.start(), OtlpBackend.start());
    private Exporter exporter;

    @AfterEach
    void stop() throws Exception {
        if (exporter != null) {
            exporter.shutdown();
        }
        backends.forEach(OtlpBackend::close);
        runtime.close();
    }

    @Test
    void sendsEverySpanOfATraceToTheBackendTheRingPicks() throws Exception {
        exporter = start("traceID");
        Random random = new Random(3);
        for (int trace = 0; trace < 200; trace++) {
            byte[] traceId = new byte[16];
            random.nextBytes(traceId);
            for (int span = 0; span < 3; span++) {
                exporter.consume(Traces.of(List.of(resource("checkout", scope("lb-test", span(ByteString.copyFrom(traceId), span))))));
            }
        }

        awaitSpans(600);
        HashRing ring = ring();
        for (int i = 0; i < backends.size(); i++) {
            assertThat(backends.get(i).spanCount()).as("backend %d's share", i).isGreaterThan(0);
            for (Span span : backends.get(i).spans()) {
                assertThat(ring.endpointFor(span.getTraceId().toByteArray())).isEqualTo(hostnames().get(i));
            }
        }
        String scrape = runtime.telemetry().scrape();
        for (int i = 0; i < backends.size(); i++) {
            // One span per request, so one attempt per span the backend got.
            assertThat(scrape).contains("otelcol_loadbalancer_backend_outcome_total{endpoint=\"" + hostnames().get(i)
                    + "\",success=\"true\"} " + backends.get(i).spanCount());
        }
        assertThat(scrape)
                .contains("otelcol_loadbalancer_num_backends{resolver=\"static\"} 3")
                .contains("otelcol_loadbalancer_num_resolutions_total{resolver=\"static\",success=\"true\"} 1")
                .contains("otelcol_loadbalancer_backend_latency_milliseconds_bucket{endpoint=\"" + hostnames().get(0) + "\",le=\"+Inf\"}")
                .contains("otelcol_exporter_sent_spans_total{exporter=\"otlp/" + hostnames().get(0) + "\"}");
    }

    @Test
    void routesByServiceNameWithTheResourceAndScopeOnEveryPart() throws Exception {
        exporter = start("service");
        Set<String> services = new HashSet<>();
        for (int i = 0; i < 30; i++) {
            services.add("service-" + i);
        }
        List<ResourceSpans> batch = services.stream()
                .map(service -> resource(service, scope("lb-test", span(ByteString.copyFrom(new byte[16]), 0)))).toList();

        exporter.consume(Traces.of(batch));

        awaitSpans(30);
        HashRing ring = ring();
        for (int i = 0; i < backends.size(); i++) {
            for (ResourceSpans received : backends.get(i).resourceSpans()) {
                String service = received.getResource().getAttributes(0).getValue().getStringValue();
                assertThat(ring.endpointFor(service.getBytes(StandardCharsets.UTF_8))).isEqualTo(hostnames().get(i));
                assertThat(received.getScopeSpans(0).getScope().getName()).isEqualTo("lb-test");
            }
        }
    }

    @Test
    void routesSpansWithoutAServiceNameByTheEmptyKeyWhenRoutingByService() throws Exception {
        exporter = start("service");

        exporter.consume(Traces.of(List.of(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(span(ByteString.copyFrom(new byte[16]), 0))).build())));

        awaitSpans(1);
        int owner = hostnames().indexOf(ring().endpointFor(new byte[0]));
        assertThat(backends.get(owner).spanCount()).isEqualTo(1);
    }

    private Exporter start(String routingKey) throws Exception {
        LoadBalancingExporterConfig config = Binder.bind(ConfigLoader.parse("""
                routing_key: %s
                protocol:
                  otlp: {tls: {insecure: true}, timeout: 2s}
                resolver:
                  static: {hostnames: [%s]}
                """.formatted(routingKey, String.join(", ", hostnames())), "test", name -> null),
                "exporters::loadbalancing", LoadBalancingExporterConfig.class, LoadBalancingExporterConfig.DEFAULT);
        Exporter created = new LoadBalancingExporterFactory().create(runtime.context("loadbalancing"), config);
        created.start(null);
        return created;
    }

    /** The ring the exporter builds: over the endpoints as the static resolver sorts them. */
    private HashRing ring() {
        return HashRing.of(hostnames().stream().sorted().toList());
    }

    /** The backends' endpoints: index i is backends.get(i)'s. */
    private List<String> hostnames() {
        return backends.stream().map(b -> "127.0.0.1:" + b.port()).toList();
    }

    private void awaitSpans(int spans) {
        io.tributary.testkit.Await.until(() -> backends.stream().mapToInt(OtlpBackend::spanCount).sum() >= spans, WAIT,
                () -> spans + " spans at the backends");
        assertThat(backends.stream().mapToInt(OtlpBackend::spanCount).sum()).isEqualTo(spans);
    }
}
