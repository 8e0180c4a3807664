package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.QueueConfig;
import io.tributary.core.exporterhelper.RetryConfig;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.exporter.TestRuntime;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.exporter.loadbalancing.LoadBalancingExporterConfig.DnsResolverConfig;
import io.tributary.testkit.Await;
import io.tributary.testkit.RecordingConsumer;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The router and backend lifecycle driven by a DNS resolver whose answers the test chooses. */
class LoadBalancerTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private final TestRuntime runtime = new TestRuntime();
    private final Telemetry telemetry = runtime.telemetry();
    private final LoadBalancerMetrics metrics = new LoadBalancerMetrics(telemetry, "dns");
    private final AtomicReference<List<InetAddress>> answer = new AtomicReference<>();
    private final Map<String, FakeBackendSender> exporters = new ConcurrentHashMap<>();
    private final DnsResolver resolver = new DnsResolver(
            new DnsResolverConfig("gateways.test", "4317", Duration.ofHours(1), Duration.ofSeconds(5)), host -> answer.get(), metrics);
    private final LoadBalancer balancer = new LoadBalancer(RoutingKey.TRACE_ID, resolver,
            (endpoint, reroute) -> new Backend(backendContext(endpoint), Duration.ofSeconds(5), new QueueConfig(true, 2, 10_000, null),
                    RetryConfig.DISABLED, exporters.computeIfAbsent(endpoint, e -> new FakeBackendSender()), reroute),
            metrics);

    @AfterEach
    void stop() throws Exception {
        exporters.values().forEach(FakeBackendSender::release);
        balancer.shutdown();
        runtime.close();
    }

    private ComponentContext backendContext(String endpoint) {
        ComponentContext base = runtime.context("loadbalancing");
        return new ComponentContext(new ComponentId("otlp", endpoint), telemetry.group(), base.eventLoops(), base.workers(), base.scheduler(), base.clock());
    }

    @Test
    void anAddedAddressTakesAboutOneInNTracesAndNothingIsLost() throws Exception {
        answer.set(addresses(1, 2, 3));
        balancer.start(null);
        List<byte[]> traceIds = traceIds(1000, 1);
        send(traceIds, 1);
        awaitSpans(1000);
        Map<String, String> before = owners();

        answer.set(addresses(1, 2, 3, 4));
        resolver.refresh();
        send(traceIds, 2);
        awaitSpans(2000);
        Map<String, String> after = owners();

        int moved = 0;
        for (byte[] traceId : traceIds) {
            String was = before.get(hex(traceId, 1));
            String is = after.get(hex(traceId, 2));
            if (!was.equals(is)) {
                moved++;
                assertThat(is).isEqualTo("10.0.0.4:4317");
            }
        }
        assertThat(moved / 1000.0).isBetween(0.25 * 0.6, 0.25 * 1.4);
        assertThat(telemetry.scrape()).contains("otelcol_loadbalancer_num_backends{resolver=\"dns\"} 4")
                .contains("otelcol_loadbalancer_num_backend_updates_total{resolver=\"dns\"} 2");
    }

    @Test
    void whatWasQueuedForARemovedAddressGoesToTheRingsNewOwners() throws Exception {
        answer.set(addresses(1, 2, 3));
        balancer.start(null);
        exporters.get("10.0.0.2:4317").hang();
        List<byte[]> traceIds = traceIds(1000, 7);
        send(traceIds, 1);
        FakeBackendSender removed = exporters.get("10.0.0.2:4317");
        Await.until(() -> removed.hanging() == 2, WAIT, () -> "both consumers of the backend to be removed are stuck");
        int stuck = (int) traceIds.stream().filter(id -> HashRing.of(endpoints(1, 2, 3)).endpointFor(id).equals("10.0.0.2:4317")).count();
        assertThat(stuck).isGreaterThan(100);

        answer.set(addresses(1, 3));
        resolver.refresh();

        awaitSpans(1000);
        HashRing now = HashRing.of(endpoints(1, 3));
        Map<String, String> owners = owners();
        for (byte[] traceId : traceIds) {
            assertThat(owners.get(hex(traceId, 1))).isEqualTo(now.endpointFor(traceId));
        }
        assertThat(removed.recorded.spanCount()).isZero();
    }

    private void send(List<byte[]> traceIds, int round) throws Exception {
        for (byte[] traceId : traceIds) {
            balancer.send(Traces.of(List.of(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.newBuilder().addSpans(
                    Span.newBuilder().setTraceId(ByteString.copyFrom(traceId)).setSpanId(ByteString.copyFrom(
                            ByteBuffer.allocate(8).putLong(round).array())).setName(hex(traceId, round)))).build())), Duration.ZERO);
        }
    }

    private void awaitSpans(int total) {
        Await.until(() -> exporters.values().stream().mapToInt(e -> e.recorded.spanCount()).sum() >= total, WAIT,
                () -> total + " spans delivered");
        assertThat(exporters.values().stream().mapToInt(e -> e.recorded.spanCount()).sum()).isEqualTo(total);
    }

    /** Span name (trace ID and round) to the endpoint that received it. */
    private Map<String, String> owners() {
        Map<String, String> owners = new HashMap<>();
        exporters.forEach((endpoint, exporter) -> exporter.recorded.spans().forEach(span -> owners.put(span.getName(), endpoint)));
        return owners;
    }

    private static List<byte[]> traceIds(int count, long seed) {
        java.util.Random random = new java.util.Random(seed);
        List<byte[]> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            byte[] id = new byte[16];
            random.nextBytes(id);
            ids.add(id);
        }
        return ids;
    }

    private static String hex(byte[] traceId, int round) {
        return java.util.HexFormat.of().formatHex(traceId) + "/" + round;
    }

    private static List<InetAddress> addresses(int... last) throws Exception {
        List<InetAddress> list = new ArrayList<>();
        for (int i : last) {
            list.add(InetAddress.getByAddress(new byte[] {10, 0, 0, (byte) i}));
        }
        return list;
    }

    private static List<String> endpoints(int... last) {
        List<String> list = new ArrayList<>();
        for (int i : last) {
            list.add("10.0.0." + i + ":4317");
        }
        return list;
    }

    /** A backend's sender that records what it takes, or holds every send until it is shut down. */
    private static final class FakeBackendSender implements Sender {
        final RecordingConsumer recorded = new RecordingConsumer();
        private final CountDownLatch shutdown = new CountDownLatch(1);
        private volatile boolean hang;
        private final java.util.concurrent.atomic.AtomicInteger hanging = new java.util.concurrent.atomic.AtomicInteger();

        void hang() {
            hang = true;
        }

        int hanging() {
            return hanging.get();
        }

        void release() {
            shutdown.countDown();
        }

        @Override
        public void send(Traces traces, Duration timeout) throws SendException {
            if (hang) {
                hanging.incrementAndGet();
                try {
                    shutdown.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                throw SendException.retryable("backend went away", null, null);
            }
            recorded.consume(traces);
        }

        @Override
        public void shutdown() {
            shutdown.countDown();
        }
    }
}
