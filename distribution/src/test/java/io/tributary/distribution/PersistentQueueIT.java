package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import io.tributary.testkit.TestLogs;
import io.tributary.testkit.TestMetrics;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged daemon with a persistent sending queue, killed with SIGKILL and restarted on the
 * same config and directory: every span, data point and log record it acknowledged reaches the
 * backend (at least once).
 */
class PersistentQueueIT {
    private static final Duration WAIT = Duration.ofSeconds(120);

    @TempDir
    Path dir;

    private final List<Process> daemons = new ArrayList<>();
    private final Map<Process, Path> logs = new ConcurrentHashMap<>();
    private OtlpBackend backend;

    @AfterEach
    void stopEverything() {
        daemons.forEach(Process::destroyForcibly);
        if (backend != null) {
            backend.close();
        }
    }

    @Test
    void everySpanAcceptedWhileTheBackendIsDownArrivesAfterAKillAndRestart() throws Exception {
        backend = OtlpBackend.start();
        backend.stop(); // down, on a port the config can name
        int port = freePort();
        Path config = config(port, false);
        Process daemon = start(config);
        for (long first = 0; first < 20_000; first += 100) {
            assertThat(post(port, first, 100)).as("request from span %d", first).isEqualTo(200);
        }

        daemon.destroyForcibly(); // SIGKILL
        assertThat(daemon.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        start(config);
        backend.restart();

        Map<Long, Integer> received = awaitIds(0, 20_000);
        assertThat(missing(received, 0, 20_000)).as("spans missing").isEmpty();
        System.out.printf("PersistentQueueIT: 20000 spans delivered, %d duplicates%n", duplicates(received));
    }

    @Test
    void metricsAndLogsAcceptedWhileTheBackendIsDownArriveAfterAKillAndRestart() throws Exception {
        backend = OtlpBackend.start();
        backend.stop();
        int port = freePort();
        Path config = config(port, false);
        Process daemon = start(config);
        ExportMetricsServiceRequest metrics = TestMetrics.request(TestMetrics.resource("svc",
                TestMetrics.scope("meter", TestMetrics.everyType(3))));
        ExportLogsServiceRequest logs = TestLogs.request(TestLogs.resource("svc", TestLogs.scope("logger", TestLogs.records("a", "b"))));
        InetSocketAddress receiver = new InetSocketAddress("127.0.0.1", port);
        assertThat(DaemonHarness.post(receiver, "/v1/metrics", "application/x-protobuf", metrics.toByteArray()).statusCode()).isEqualTo(200);
        assertThat(DaemonHarness.post(receiver, "/v1/logs", "application/x-protobuf", logs.toByteArray()).statusCode()).isEqualTo(200);

        daemon.destroyForcibly(); // SIGKILL
        assertThat(daemon.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
        start(config);
        backend.restart();

        backend.awaitDataPoints(15, WAIT);
        backend.awaitLogRecords(2, WAIT);
        assertThat(backend.metricsRequests()).isNotEmpty().allSatisfy(request -> assertThat(request).isEqualTo(metrics));
        assertThat(backend.logsRequests()).isNotEmpty().allSatisfy(request -> assertThat(request).isEqualTo(logs));
        try (var queues = Files.list(dir.resolve("storage"))) {
            assertThat(queues.map(path -> path.getFileName().toString()))
                    .as("a queue per signal, named as otelcol names its storage clients")
                    .contains("exporter_otlp__metrics", "exporter_otlp__logs");
        }
    }

    @Test
    void withDurableAckEverySpanAcknowledgedAcrossKillsAtRandomPointsArrives() throws Exception {
        backend = OtlpBackend.start();
        int port = freePort();
        Path config = config(port, true);
        long seed = System.nanoTime();
        Random random = new Random(seed);
        Set<Long> acknowledged = ConcurrentHashMap.newKeySet();
        AtomicLong nextId = new AtomicLong();
        AtomicBoolean streaming = new AtomicBoolean(true);
        List<Thread> clients = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            Thread client = new Thread(() -> stream(port, nextId, acknowledged, streaming), "client-" + c);
            client.start();
            clients.add(client);
        }
        try {
            for (int kill = 0; kill < 3; kill++) {
                Process daemon = start(config);
                // A random point: after a random number of further acknowledged spans.
                int target = acknowledged.size() + 50 * (1 + random.nextInt(200));
                Await.until(() -> acknowledged.size() >= target, WAIT, () -> "clients stalled at " + acknowledged.size());
                daemon.destroyForcibly();
                assertThat(daemon.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS)).isTrue();
            }
            start(config);
            int last = acknowledged.size() + 1000;
            Await.until(() -> acknowledged.size() >= last, WAIT, () -> "clients stalled at " + acknowledged.size());
        } finally {
            streaming.set(false);
            for (Thread client : clients) {
                client.join(WAIT.toMillis());
            }
        }

        Await.until(() -> ids().keySet().containsAll(acknowledged), WAIT,
                () -> "seed " + seed + ": " + acknowledged.stream().filter(id -> !ids().containsKey(id)).count() + " acknowledged spans missing");
        Map<Long, Integer> received = ids();
        System.out.printf("PersistentQueueIT (durable_ack, seed %d): %d spans acknowledged, %d delivered, %d duplicates%n",
                seed, acknowledged.size(), received.size(), duplicates(received));
    }

    /** Sends batches of 50 spans with fresh IDs until told to stop, remembering the IDs of every batch answered 200. */
    private void stream(int port, AtomicLong nextId, Set<Long> acknowledged, AtomicBoolean streaming) {
        while (streaming.get()) {
            long first = nextId.getAndAdd(50);
            try {
                if (post(port, first, 50) == 200) {
                    for (long id = first; id < first + 50; id++) {
                        acknowledged.add(id);
                    }
                    continue;
                }
            } catch (IOException e) {
                // The daemon is down or dying; these spans were not acknowledged.
            } catch (InterruptedException e) {
                return;
            }
            try {
                TimeUnit.MILLISECONDS.sleep(20); // a client's backoff while the daemon restarts
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private Path config(int port, boolean durableAck) throws IOException {
        // No batch processor: it would hold spans in memory after answering the client.
        return Files.writeString(dir.resolve("config.yaml"), """
                extensions:
                  file_storage:
                    directory: %s
                    create_directory: true
                receivers:
                  otlp:
                    protocols:
                      http:
                        endpoint: 127.0.0.1:%d
                exporters:
                  otlp:
                    endpoint: %s
                    tls:
                      insecure: true
                    sending_queue:
                      storage: file_storage
                      queue_size: 5000
                      durable_ack: %s
                    retry_on_failure:
                      initial_interval: 100ms
                      max_interval: 500ms
                      max_elapsed_time: 0
                service:
                  extensions: [file_storage]
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp]
                    metrics:
                      receivers: [otlp]
                      exporters: [otlp]
                    logs:
                      receivers: [otlp]
                      exporters: [otlp]
                  telemetry:
                    metrics:
                      level: none
                """.formatted(dir.resolve("storage"), port, backend.endpoint(), durableAck));
    }

    private Process start(Path config) throws IOException {
        Path log = dir.resolve("daemon-" + daemons.size() + ".log");
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", System.getProperty("tributary.jar"), "--config", config.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        daemons.add(process);
        logs.put(process, log);
        Await.until(() -> output(process).contains("Everything is ready") || !process.isAlive(), WAIT,
                () -> "the daemon did not start:\n" + output(process));
        assertThat(process.isAlive()).as("daemon running; output:\n%s", output(process)).isTrue();
        return process;
    }

    private String output(Process process) {
        try {
            return Files.readString(logs.get(process), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Posts {@code count} spans with IDs from {@code first} as OTLP/HTTP protobuf; returns the status. */
    private int post(int port, long first, int count) throws IOException, InterruptedException {
        ScopeSpans.Builder scope = ScopeSpans.newBuilder();
        for (long id = first; id < first + count; id++) {
            scope.addSpans(Span.newBuilder()
                    .setTraceId(ByteString.copyFrom(ByteBuffer.allocate(16).putLong(first).putLong(id).array()))
                    .setSpanId(ByteString.copyFrom(ByteBuffer.allocate(8).putLong(id).array()))
                    .setName("span-" + id)
                    .setStartTimeUnixNano(1)
                    .setEndTimeUnixNano(2));
        }
        byte[] body = ExportTraceServiceRequest.newBuilder()
                .addResourceSpans(ResourceSpans.newBuilder().addScopeSpans(scope)).build().toByteArray();
        return DaemonHarness.post(new InetSocketAddress("127.0.0.1", port), "application/x-protobuf", body).statusCode();
    }

    /** How many times the backend received each span ID. */
    private Map<Long, Integer> ids() {
        Map<Long, Integer> counts = new HashMap<>();
        for (Span span : backend.spans()) {
            counts.merge(span.getSpanId().asReadOnlyByteBuffer().getLong(), 1, Integer::sum);
        }
        return counts;
    }

    private Map<Long, Integer> awaitIds(long first, long end) {
        Await.until(() -> missing(ids(), first, end).isEmpty(), WAIT,
                () -> missing(ids(), first, end).size() + " spans still missing");
        return ids();
    }

    private static List<Long> missing(Map<Long, Integer> received, long first, long end) {
        List<Long> missing = new ArrayList<>();
        for (long id = first; id < end; id++) {
            if (!received.containsKey(id)) {
                missing.add(id);
            }
        }
        return missing;
    }

    private static int duplicates(Map<Long, Integer> received) {
        return received.values().stream().mapToInt(n -> n - 1).sum();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
