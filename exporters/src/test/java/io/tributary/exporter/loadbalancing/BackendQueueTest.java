package io.tributary.exporter.loadbalancing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Extension;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.exporter.TestRuntime;
import io.tributary.extension.filestorage.FileStorageConfig;
import io.tributary.extension.filestorage.FileStorageFactory;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A backend's queue is the otlp exporter's sending queue: its sizer, its storage, and what it hands back when the backend leaves. */
class BackendQueueTest {
    private static final Duration WAIT = Duration.ofSeconds(60);
    /** A stopped backend's batch waits in the queue (on disk) rather than being retried during the test. */
    private static final String HOURLY_RETRY = "retry_on_failure: {initial_interval: 1h, max_interval: 1h, max_elapsed_time: 0s}";

    @TempDir
    Path dir;

    private final TestRuntime runtime = new TestRuntime();
    private final LoadBalancerMetrics metrics = new LoadBalancerMetrics(runtime.telemetry(), "static");
    private final List<OtlpBackend> backends = new ArrayList<>();
    private final List<Runnable> stops = new ArrayList<>();
    /** The test plays the resolver: it reports each new list of endpoints. */
    private Consumer<List<String>> resolved;

    @AfterEach
    void stop() throws Exception {
        stops.forEach(Runnable::run);
        backends.forEach(OtlpBackend::close);
        runtime.close();
    }

    @Test
    void anItemsSizerBoundsABackendsQueueInSpans() throws Exception {
        OtlpBackend backend = backend();
        LoadBalancer balancer = started("sending_queue: {sizer: items, queue_size: 5}", null);
        resolved.accept(List.of(backend.endpoint()));

        SendException refused = catchThrowableOfType(() -> balancer.send(traces(0, 6), Duration.ofSeconds(5)), SendException.class);
        balancer.send(traces(1, 5), Duration.ofSeconds(5));

        assertThat(refused.retryable()).isTrue();
        assertThat(refused).hasMessageContaining("sending queue of exporter otlp/" + backend.endpoint() + " is full");
        backend.awaitSpans(5, WAIT);
        assertThat(backend.spanCount()).isEqualTo(5);
    }

    @Test
    void aBackendsPersistentQueueKeepsWhatItCouldNotSendAcrossARestartOfTheExporter() throws Exception {
        OtlpBackend backend = backend();
        backend.stop();
        String config = "sending_queue: {storage: file_storage}, " + HOURLY_RETRY;
        LoadBalancer first = started(config, storage());
        resolved.accept(List.of(backend.endpoint()));
        first.send(traces(0, 4), Duration.ofSeconds(5));
        first.send(traces(1, 3), Duration.ofSeconds(5));
        first.shutdown(); // drains for the exporter helper's drain time, then leaves both batches on disk

        backend.restart();
        started(config, storage());
        resolved.accept(List.of(backend.endpoint()));

        backend.awaitSpans(7, WAIT);
        assertThat(backend.spanCount()).isEqualTo(7);
    }

    @Test
    void whatARemovedBackendsPersistentQueueHeldGoesToTheBackendThatNowOwnsIt() throws Exception {
        OtlpBackend stays = backend();
        OtlpBackend leaves = backend();
        leaves.stop();
        LoadBalancer balancer = started("sending_queue: {storage: file_storage}, " + HOURLY_RETRY, storage());
        List<String> both = List.of(stays.endpoint(), leaves.endpoint());
        resolved.accept(both);
        int traces = 100;
        for (int i = 0; i < traces; i++) {
            balancer.send(traces(i, 1), Duration.ofSeconds(5));
        }
        HashRing ring = HashRing.of(both);
        long queuedForLeaving = java.util.stream.IntStream.range(0, traces)
                .filter(i -> ring.endpointFor(traceId(i).toByteArray()).equals(leaves.endpoint())).count();
        assertThat(queuedForLeaving).isGreaterThan(10);

        resolved.accept(List.of(stays.endpoint()));

        stays.awaitSpans(traces, WAIT);
        assertThat(stays.spanCount()).isEqualTo(traces);
        assertThat(leaves.spanCount()).isZero();
    }

    private OtlpBackend backend() {
        OtlpBackend backend = OtlpBackend.start();
        backends.add(backend);
        return backend;
    }

    /** A started file_storage extension in the test's directory, stopped after the test. */
    private Host storage() throws Exception {
        Extension storage = new FileStorageFactory().create(runtime.context("file_storage"),
                new FileStorageConfig(dir.toString(), Duration.ofSeconds(1), false, false, null, null));
        storage.start(null);
        stops.add(storage::shutdown);
        return id -> id.equals(ComponentId.parse("file_storage")) ? Optional.of(storage) : Optional.empty();
    }

    /** A load balancer whose backends' otlp exporter has {@code otlpSettings}, shut down after the test. */
    private LoadBalancer started(String otlpSettings, Host host) throws Exception {
        var otlp = Binder.bind(ConfigLoader.parse("""
                protocol:
                  otlp: {tls: {insecure: true}, timeout: 2s, %s}
                resolver:
                  static: {hostnames: [unused]}
                """.formatted(otlpSettings), "test", name -> null), "exporters::loadbalancing", LoadBalancingExporterConfig.class,
                LoadBalancingExporterConfig.DEFAULT).protocol().otlp();
        Resolver resolver = new Resolver() {
            @Override
            public void start(Consumer<List<String>> onChange) {
                resolved = onChange;
            }

            @Override
            public void shutdown() {
            }
        };
        LoadBalancer balancer = new LoadBalancer(RoutingKey.TRACE_ID, resolver,
                (endpoint, reroute) -> LoadBalancingExporterFactory.backend(runtime.context("loadbalancing"), otlp, endpoint, reroute),
                metrics);
        balancer.start(host);
        stops.add(0, balancer::shutdown); // before the storage it uses
        return balancer;
    }

    private static ByteString traceId(int n) {
        return ByteString.copyFrom(ByteBuffer.allocate(16).putLong(n * 0x9E3779B97F4A7C15L).putLong(n).array());
    }

    /** One trace of {@code spans} spans. */
    private static Traces traces(int trace, int spans) {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (int s = 0; s < spans; s++) {
            scope.addSpans(Span.newBuilder().setTraceId(traceId(trace))
                    .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(s + 1).array())).setName("span-" + s));
        }
        return Traces.of(List.of(ResourceSpans.newBuilder().addScopeSpans(scope).build()));
    }
}
