package io.tributary.bench;

import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.data.Signal;
import io.tributary.core.data.TraceServiceMethod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * The soak test's driver (bench/run-soak.sh): sends OTLP/gRPC at a steady rate to a running
 * daemon whose exporter points at a {@link NullBackend} in this process, stops and restarts that
 * backend on the same port every {@code --flap}, and samples the daemon's RSS and queue. At the
 * end it lets the queue drain and checks that every acknowledged span was delivered or counted
 * as dropped, and that RSS stayed flat.
 *
 * <p>Only OK answers count as acknowledged. Refusals (the queue is full) are counted apart and
 * not retried: the client was told, so they are not the daemon's to deliver. A deadline expiry
 * is ambiguous (the daemon may have taken the spans), so those are counted apart too and
 * excuse as many extra deliveries.
 */
public final class Soak {
    private static final MethodDescriptor<byte[], ExportTraceServiceResponse> EXPORT =
            TraceServiceMethod.export(BytesMarshaller.INSTANCE);
    /** A send is skipped when this many are already waiting: the rate stays steady, memory bounded. */
    private static final int MAX_INFLIGHT = 256;
    private static final double MAX_RSS_DRIFT = 0.20;

    private final LongAdder acked = new LongAdder();
    private final LongAdder partiallyRejected = new LongAdder();
    private final LongAdder timedOut = new LongAdder();
    private final LongAdder skipped = new LongAdder();
    private final Map<Status.Code, LongAdder> refused = new ConcurrentHashMap<>();
    private final Semaphore inflight = new Semaphore(MAX_INFLIGHT);

    private void sendOne(ManagedChannel channel, byte[] request, int spans) {
        if (!inflight.tryAcquire()) {
            skipped.add(spans);
            return;
        }
        ClientCalls.asyncUnaryCall(channel.newCall(EXPORT, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS)),
                request, new StreamObserver<>() {
                    private long rejected;

                    @Override
                    public void onNext(ExportTraceServiceResponse response) {
                        rejected = response.getPartialSuccess().getRejectedSpans();
                    }

                    @Override
                    public void onError(Throwable t) {
                        Status.Code code = Status.fromThrowable(t).getCode();
                        if (code == Status.Code.DEADLINE_EXCEEDED) {
                            timedOut.add(spans);
                        } else {
                            refused.computeIfAbsent(code, c -> new LongAdder()).add(spans);
                        }
                        inflight.release();
                    }

                    @Override
                    public void onCompleted() {
                        acked.add(spans - rejected);
                        partiallyRejected.add(rejected);
                        inflight.release();
                    }
                });
    }

    private long refusedTotal() {
        return refused.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** The backend, stopped and started again on the same port; counts survive restarts. */
    private static final class FlappingBackend {
        private final int port;
        private long deliveredBefore;
        private NullBackend current;

        FlappingBackend(int port) throws IOException {
            this.port = port;
            this.current = new NullBackend(port);
        }

        synchronized boolean up() {
            return current != null;
        }

        synchronized void toggle() throws IOException, InterruptedException {
            if (current == null) {
                current = new NullBackend(port);
            } else {
                current.close();
                deliveredBefore += current.items(Signal.TRACES);
                current = null;
            }
        }

        synchronized void ensureUp() throws IOException, InterruptedException {
            if (current == null) {
                toggle();
            }
        }

        synchronized long delivered() {
            return deliveredBefore + (current == null ? 0 : current.items(Signal.TRACES));
        }
    }

    private record Sample(long second, long rssKb) {
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args, Map.of(
                "endpoint", "localhost:4317",
                "backend-port", "4319",
                "metrics", "http://localhost:8888/metrics",
                "pid", "0",
                "duration", "600s",
                "flap", "30s",
                "rate", "5000",
                "spans", "100",
                "sample", "10s",
                "drain", "240s"));
        int spans = flags.integer("spans");
        long pid = Long.parseLong(flags.string("pid"));
        long durationS = flags.duration("duration").toSeconds();
        long flapMs = flags.duration("flap").toMillis();
        long sampleS = flags.duration("sample").toSeconds();
        SoakMetrics metrics = new SoakMetrics(flags.string("metrics"));
        List<byte[]> pool = LoadGenerator.encodePool(64, spans, 1);
        Soak soak = new Soak();
        FlappingBackend backend = new FlappingBackend(flags.integer("backend-port"));
        ManagedChannel channel = NettyChannelBuilder.forTarget(flags.string("endpoint")).usePlaintext().directExecutor().build();
        ScheduledExecutorService timers = Executors.newScheduledThreadPool(2);
        long periodNanos = TimeUnit.SECONDS.toNanos(1) * spans / flags.integer("rate");
        System.out.printf("soak: %d spans/s in %d-span requests to %s for %d s; backend :%s flaps every %d s; daemon pid %d%n",
                flags.integer("rate"), spans, flags.string("endpoint"), durationS, flags.string("backend-port"), flapMs / 1000, pid);

        int[] next = {0};
        timers.scheduleAtFixedRate(() -> soak.sendOne(channel, pool.get(next[0]++ % pool.size()), spans),
                0, periodNanos, TimeUnit.NANOSECONDS);
        timers.scheduleAtFixedRate(() -> {
            try {
                backend.toggle();
            } catch (IOException | InterruptedException e) {
                // A scheduled task's exception would only cancel the flapping, silently.
                e.printStackTrace();
                System.exit(2);
            }
        }, flapMs, flapMs, TimeUnit.MILLISECONDS);

        System.out.printf("%6s %-7s %12s %12s %10s %8s %9s%n", "t(s)", "backend", "acked", "delivered", "refused", "queue", "RSS(MiB)");
        List<Sample> samples = new ArrayList<>();
        long startNanos = System.nanoTime();
        for (long t = sampleS; t <= durationS; t += sampleS) {
            Thread.sleep(Math.max(0, TimeUnit.NANOSECONDS.toMillis(startNanos + TimeUnit.SECONDS.toNanos(t) - System.nanoTime())));
            long rss = rssKb(pid);
            samples.add(new Sample(t, rss));
            System.out.printf("%6d %-7s %,12d %,12d %,10d %,8d %,9d%n", t, backend.up() ? "up" : "down",
                    soak.acked.sum(), backend.delivered(), soak.refusedTotal(),
                    (long) metrics.value("otelcol_exporter_queue_size"), rss / 1024);
        }

        timers.shutdownNow();
        timers.awaitTermination(10, TimeUnit.SECONDS);
        soak.inflight.tryAcquire(MAX_INFLIGHT, 15, TimeUnit.SECONDS);
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        backend.ensureUp();
        boolean drained = drain(soak, backend, metrics, flags.duration("drain"));
        System.exit(report(soak, backend, metrics, samples, durationS, drained) ? 0 : 1);
    }

    /**
     * Waits until every acknowledged span is delivered or counted as dropped, the queue is empty
     * and deliveries stopped for 5 s. An empty queue alone is not enough: batches its consumers
     * hold between retries (up to max_interval 30 s plus jitter) are no longer in it. False when
     * the bound ran out first, which is a loss unless the daemon is just slow.
     */
    private static boolean drain(Soak soak, FlappingBackend backend, SoakMetrics metrics, Duration bound) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        long lastDelivered = -1;
        int stillFor = 0;
        while (System.nanoTime() < deadline) {
            long delivered = backend.delivered();
            stillFor = delivered == lastDelivered ? stillFor + 1 : 0;
            lastDelivered = delivered;
            if (stillFor >= 5 && metrics.value("otelcol_exporter_queue_size") == 0
                    && delivered + dropped(metrics) >= soak.acked.sum()) {
                return true;
            }
            Thread.sleep(1000);
        }
        return false;
    }

    /**
     * What the daemon counted as dropped. A full exporter queue refuses the batch processor,
     * which counts the batch as dropped: enqueue_failed is part of processor_dropped, not added to it.
     */
    private static long dropped(SoakMetrics metrics) throws IOException, InterruptedException {
        return (long) (metrics.value("otelcol_exporter_send_failed_spans")
                + metrics.value("otelcol_processor_dropped_spans"));
    }

    private static boolean report(Soak soak, FlappingBackend backend, SoakMetrics metrics, List<Sample> samples,
            long durationS, boolean drained) throws Exception {
        long acked = soak.acked.sum();
        long delivered = backend.delivered();
        long sendFailed = (long) metrics.value("otelcol_exporter_send_failed_spans");
        long enqueueFailed = (long) metrics.value("otelcol_exporter_enqueue_failed_spans");
        long processorDropped = (long) metrics.value("otelcol_processor_dropped_spans");
        long accepted = (long) metrics.value("otelcol_receiver_accepted_spans");
        long sent = (long) metrics.value("otelcol_exporter_sent_spans");
        long dropped = dropped(metrics);
        System.out.println();
        System.out.printf("drained: %s%n", drained ? "yes" : "NO: the bound ran out before every acknowledged span was delivered or counted as dropped");
        System.out.printf("client: acknowledged %,d; refused %,d %s; deadline exceeded (unknown) %,d; partially rejected %,d; skipped by the driver %,d%n",
                acked, soak.refusedTotal(), refusedByCode(soak), soak.timedOut.sum(), soak.partiallyRejected.sum(), soak.skipped.sum());
        System.out.printf("daemon: receiver accepted %,d; exporter sent %,d, send_failed %,d, enqueue_failed %,d; processor dropped %,d%n",
                accepted, sent, sendFailed, enqueueFailed, processorDropped);
        long duplicates = delivered + dropped - acked;
        System.out.printf("acknowledged %,d %s delivered %,d + dropped %,d (= %,d)%s%n", acked,
                duplicates == 0 ? "=" : duplicates > 0 ? "<" : ">", delivered, dropped, delivered + dropped,
                duplicates > 0 ? String.format("; %,d extra (deadline-exceeded sends the daemon took: %,d; retried exports)",
                        duplicates, soak.timedOut.sum()) : "");
        boolean lossFree = duplicates >= 0;
        if (!lossFree) {
            System.out.printf("LOST: %,d acknowledged spans were neither delivered nor counted as dropped%n", -duplicates);
        }
        double warm = meanRss(samples, 120, 240);
        double last = meanRss(samples, durationS - 120, durationS + 1);
        if (Double.isNaN(warm) || durationS < 360) {
            System.out.println("RSS: drift not measured, the run is shorter than 6 minutes");
            return lossFree && drained;
        }
        double drift = (last - warm) / warm;
        boolean flat = drift <= MAX_RSS_DRIFT;
        System.out.printf("RSS: mean %.0f MiB in minutes 2-4, %.0f MiB in the last 2 minutes: drift %+.1f %% (limit +%.0f %%)%s%n",
                warm / 1024, last / 1024, drift * 100, MAX_RSS_DRIFT * 100, flat ? "" : " FAILED");
        return lossFree && flat && drained;
    }

    private static String refusedByCode(Soak soak) {
        return soak.refused.isEmpty() ? "" : soak.refused.toString();
    }

    /** Mean RSS of the samples taken in [from, to) seconds; NaN when none. */
    private static double meanRss(List<Sample> samples, long from, long to) {
        return samples.stream().filter(s -> s.second >= from && s.second < to).mapToLong(Sample::rssKb).average().orElse(Double.NaN);
    }

    private static long rssKb(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("\\D", ""));
            }
        }
        throw new IOException("no VmRSS in /proc/" + pid + "/status");
    }
}
