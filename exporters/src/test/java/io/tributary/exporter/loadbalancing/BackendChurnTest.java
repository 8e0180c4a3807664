package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.micrometer.core.instrument.Meter;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.data.Traces;
import io.tributary.exporter.TestRuntime;
import io.tributary.exporter.otlp.OtlpExporterConfig;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.lang.ref.WeakReference;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes-style churn: a backend appears, takes traffic, and goes, a thousand times. Each one
 * leaves no meter behind (its {@code otlp/<endpoint>} exporter's counters, its latency histogram)
 * and nothing that keeps it reachable.
 */
class BackendChurnTest {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final int CYCLES = 1000;
    private static final int TRACES_PER_CYCLE = 8;

    private final TestRuntime runtime = new TestRuntime();
    private final OtlpBackend stable = OtlpBackend.start();
    private final LoadBalancerMetrics metrics = new LoadBalancerMetrics(runtime.telemetry(), "k8s");
    /** The test plays the resolver: it reports each new list of endpoints. */
    private Consumer<List<String>> resolved;
    private final Resolver resolver = new Resolver() {
        @Override
        public void start(Consumer<List<String>> onChange) {
            resolved = onChange;
        }

        @Override
        public void shutdown() {
        }
    };
    private WeakReference<Backend> firstChurned;
    private LoadBalancer balancer;

    @AfterEach
    void stop() throws Exception {
        if (balancer != null) {
            balancer.shutdown();
        }
        stable.close();
        runtime.close();
    }

    @Test
    void removedBackendsLeaveNoMetersAndBecomeUnreachable() throws Exception {
        OtlpExporterConfig otlp = Binder.bind(ConfigLoader.parse("""
                protocol:
                  otlp: {tls: {insecure: true}, timeout: 2s, sending_queue: {num_consumers: 1}}
                resolver:
                  static: {hostnames: [unused]}
                """, "test", name -> null), "exporters::loadbalancing", LoadBalancingExporterConfig.class,
                LoadBalancingExporterConfig.DEFAULT).protocol().otlp();
        balancer = new LoadBalancer(RoutingKey.TRACE_ID, resolver, (endpoint, reroute) -> {
            Backend backend = LoadBalancingExporterFactory.backend(runtime.context("loadbalancing"), otlp, endpoint, reroute);
            if (firstChurned == null && !endpoint.equals(stableEndpoint())) {
                firstChurned = new WeakReference<>(backend);
            }
            return backend;
        }, metrics);
        balancer.start(null);
        resolved.accept(List.of(stableEndpoint()));

        cycle(0);
        int metersAfterFirstCycle = meterCount();
        for (int i = 1; i < CYCLES; i++) {
            cycle(i);
        }

        assertThat(meterCount()).isEqualTo(metersAfterFirstCycle);
        Await.until(() -> {
            System.gc();
            return firstChurned.get() == null;
        }, WAIT, () -> "the first removed backend is still reachable");
        assertThat(stable.spanCount()).isEqualTo(CYCLES * TRACES_PER_CYCLE);
    }

    /**
     * A backend at a loopback port where nothing listens joins, is routed about half the traces
     * (which it cannot deliver), and leaves: what it held goes to the stable backend.
     */
    private void cycle(int i) throws Exception {
        String churned = "127.0.0.2:" + (20000 + i);
        resolved.accept(List.of(stableEndpoint(), churned));
        for (int t = 0; t < TRACES_PER_CYCLE; t++) {
            balancer.send(traces(i * TRACES_PER_CYCLE + t), Duration.ofSeconds(2));
        }
        resolved.accept(List.of(stableEndpoint()));
        int expected = (i + 1) * TRACES_PER_CYCLE;
        Await.until(() -> stable.spanCount() == expected && !hasMeterOf(churned), WAIT,
                () -> "cycle " + i + ": " + stable.spanCount() + " of " + expected + " spans, meters of " + churned + " left: "
                        + hasMeterOf(churned));
    }

    private boolean hasMeterOf(String endpoint) {
        return runtime.telemetry().registry().getMeters().stream().map(Meter::getId)
                .anyMatch(id -> endpoint.equals(id.getTag("endpoint")) || ("otlp/" + endpoint).equals(id.getTag("exporter")));
    }

    private int meterCount() {
        return runtime.telemetry().registry().getMeters().size();
    }

    private String stableEndpoint() {
        return "127.0.0.1:" + stable.port();
    }

    private static Traces traces(int n) {
        ByteString traceId = ByteString.copyFrom(ByteBuffer.allocate(16).putLong(n * 0x9E3779B97F4A7C15L).putLong(n).array());
        return Traces.of(List.of(ResourceSpans.newBuilder()
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(Span.newBuilder().setTraceId(traceId)
                        .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(n + 1).array())).setName("churn")))
                .build()));
    }
}
