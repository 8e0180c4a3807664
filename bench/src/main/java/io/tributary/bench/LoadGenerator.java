package io.tributary.bench;

import com.google.protobuf.Message;
import com.sun.management.OperatingSystemMXBean;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.StreamObserver;
import io.tributary.core.data.Signal;
import io.tributary.exporter.net.PartialSuccess;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntFunction;

/**
 * Drives an OTLP/gRPC endpoint with pre-encoded export requests of one signal (100 spans,
 * {@value SyntheticMetrics#POINTS_PER_REQUEST} data points or {@value SyntheticLogs#RECORDS_PER_REQUEST}
 * log records each by default), at most a fixed number of requests in flight, and reports what
 * was acknowledged in a measurement window after a warmup. The requests are encoded once up front
 * and sent as bytes on the signal's {@code Export} method, so the generator spends its CPU on
 * gRPC framing only.
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.LoadGenerator \
 *     --endpoint localhost:4317 --signal traces --inflight 16 --warmup 10s --duration 30s [--rate 10000] \
 *     [--fresh-trace-ids true] [--watch-pid PID] [--result FILE]</pre>
 *
 * Without {@code --rate} (or with 0) it sends as fast as the endpoint answers (closed loop: the
 * next request goes when one of those in flight completes); with it, requests go on a fixed
 * schedule of rate / items-per-request a second, still at most {@code --inflight} in flight, so
 * an endpoint that cannot keep up gets less than the rate (the report says how much).
 * {@code --fresh-trace-ids true} gives each pass over the pool new trace IDs ({@link RequestPool};
 * traces only). With {@code --watch-pid} it also reads that process's CPU time at the window's
 * edges and prints CPU-µs per acknowledged item. {@code --result} also writes the window's
 * figures as {@code key=value} lines, for scripts.
 */
public final class LoadGenerator implements AutoCloseable {
    /** A slow rate's wait is cut in slices so that {@link #close} is not held up by it. */
    private static final long MAX_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

    private final MethodDescriptor<byte[], Message> export;
    private final RequestPool requests;
    private final int itemsPerRequest;
    /** Items per second to offer; 0: as fast as the endpoint answers. */
    private final int rate;
    private final List<ManagedChannel> channels = new ArrayList<>();
    private final CallOptions callOptions;
    private final int inflight;
    private final Semaphore permits;
    private final Thread sender;
    private volatile boolean running = true;
    /** The window completions count into; null outside a window. */
    private volatile Window window;

    LoadGenerator(String endpoint, int connections, int inflight, String compression, Signal<?> signal, RequestPool requests,
            int itemsPerRequest, int rate) {
        this.export = signal.exportMethod(BytesMarshaller.INSTANCE);
        this.requests = requests;
        this.itemsPerRequest = itemsPerRequest;
        this.rate = rate;
        this.inflight = inflight;
        this.permits = new Semaphore(inflight);
        for (int i = 0; i < connections; i++) {
            // directExecutor: completion callbacks only bump counters, so they run on the event loop.
            channels.add(NettyChannelBuilder.forTarget(endpoint).usePlaintext().directExecutor().build());
        }
        this.callOptions = "none".equals(compression) ? CallOptions.DEFAULT : CallOptions.DEFAULT.withCompression(compression);
        this.sender = new Thread(this::send, "load-generator");
    }

    void start() {
        sender.start();
    }

    /** Starts counting completions afresh. */
    Window openWindow() {
        Window w = new Window(System.nanoTime());
        window = w;
        return w;
    }

    /** Stops counting; the returned window's figures are final. */
    Window closeWindow() {
        Window w = window;
        window = null;
        w.close(System.nanoTime());
        return w;
    }

    private void send() {
        Pacer pacer = new Pacer(rate / (double) itemsPerRequest, System::nanoTime);
        long next = 0;
        try {
            while (running) {
                long wait = pacer.nanosUntilDue();
                if (wait > 0) {
                    LockSupport.parkNanos(Math.min(wait, MAX_PARK_NANOS));
                    continue;
                }
                if (!permits.tryAcquire(100, TimeUnit.MILLISECONDS)) {
                    continue;
                }
                pacer.sent();
                byte[] request = requests.request(next);
                ManagedChannel channel = channels.get((int) (next % channels.size()));
                next++;
                Window w = window;
                if (w != null) {
                    w.sentItems.add(itemsPerRequest);
                }
                ClientCalls.asyncUnaryCall(
                        channel.newCall(export, callOptions.withDeadlineAfter(30, TimeUnit.SECONDS)),
                        request,
                        new Completion(System.nanoTime()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops sending and waits (bounded) for what is in flight before closing the connections. */
    @Override
    public void close() throws InterruptedException {
        running = false;
        sender.join();
        permits.tryAcquire(inflight, 30, TimeUnit.SECONDS);
        for (ManagedChannel channel : channels) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
    }

    private final class Completion implements StreamObserver<Message> {
        private final long startNanos;
        private long rejectedItems;

        Completion(long startNanos) {
            this.startNanos = startNanos;
        }

        @Override
        public void onNext(Message response) {
            rejectedItems = PartialSuccess.rejected(response);
        }

        @Override
        public void onError(Throwable t) {
            Window w = window;
            if (w != null) {
                w.failures.computeIfAbsent(Status.fromThrowable(t).getCode(), c -> new LongAdder()).increment();
            }
            permits.release();
        }

        @Override
        public void onCompleted() {
            long latency = System.nanoTime() - startNanos;
            Window w = window;
            if (w != null) {
                w.requests.increment();
                w.items.add(itemsPerRequest - rejectedItems);
                w.rejectedItems.add(rejectedItems);
                w.latencies.record(latency);
            }
            permits.release();
        }
    }

    /** What completed between {@link #openWindow} and {@link #closeWindow}. */
    static final class Window {
        final LongAdder items = new LongAdder();
        final LongAdder requests = new LongAdder();
        /** Items sent in the window, acknowledged or not (yet). */
        final LongAdder sentItems = new LongAdder();
        final LongAdder rejectedItems = new LongAdder();
        final Map<Status.Code, LongAdder> failures = new ConcurrentHashMap<>();
        final LatencyRecorder latencies = new LatencyRecorder();
        private final long startNanos;
        private long endNanos;

        private Window(long startNanos) {
            this.startNanos = startNanos;
        }

        private void close(long endNanos) {
            this.endNanos = endNanos;
        }

        double seconds() {
            return (endNanos - startNanos) / 1e9;
        }

        Map<Status.Code, Long> failuresByStatus() {
            Map<Status.Code, Long> byStatus = new EnumMap<>(Status.Code.class);
            failures.forEach((code, n) -> byStatus.put(code, n.sum()));
            return byStatus;
        }
    }

    /** Encodes {@code count} distinct traces requests of {@code spans} spans each. */
    static List<byte[]> encodePool(int count, int spans, long seed) {
        return encodePool(Signal.TRACES, count, spans, seed);
    }

    /** Encodes {@code count} distinct requests of the signal's synthetic traffic, {@code items} items each. */
    static List<byte[]> encodePool(Signal<?> signal, int count, int items, long seed) {
        IntFunction<Message> next = signal == Signal.TRACES ? new SyntheticTraces(seed)::nextRequest
                : signal == Signal.METRICS ? new SyntheticMetrics(seed)::nextRequest
                : new SyntheticLogs(seed)::nextRequest;
        List<byte[]> pool = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            pool.add(next.apply(items).toByteArray());
        }
        return pool;
    }

    /** The items per request the benchmarks send of each signal: requests of about 39 KB. */
    static int defaultItems(Signal<?> signal) {
        return signal == Signal.TRACES ? PipelineBenchmark.SPANS_PER_REQUEST
                : signal == Signal.METRICS ? SyntheticMetrics.POINTS_PER_REQUEST
                : SyntheticLogs.RECORDS_PER_REQUEST;
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args, Map.ofEntries(
                Map.entry("endpoint", "localhost:4317"),
                Map.entry("inflight", "16"),
                Map.entry("connections", "1"),
                Map.entry("rate", "0"),
                Map.entry("warmup", "10s"),
                Map.entry("duration", "30s"),
                Map.entry("pool", "64"),
                Map.entry("signal", "traces"),
                Map.entry("items", "0"),
                Map.entry("fresh-trace-ids", "false"),
                Map.entry("compression", "none"),
                Map.entry("watch-pid", "0"),
                Map.entry("clk-tck", "100"),
                Map.entry("result", "")));
        Signal<?> signal = Signal.byId(flags.string("signal"))
                .orElseThrow(() -> new IllegalArgumentException("--signal must be traces, metrics or logs"));
        if (flags.bool("fresh-trace-ids") && signal != Signal.TRACES) {
            throw new IllegalArgumentException("--fresh-trace-ids is for traces only");
        }
        String items = signal.itemName() + "s";
        int perRequest = flags.integer("items") > 0 ? flags.integer("items") : defaultItems(signal);
        List<byte[]> encoded = encodePool(signal, flags.integer("pool"), perRequest, 1);
        RequestPool pool = flags.bool("fresh-trace-ids") ? RequestPool.withFreshTraceIds(encoded) : RequestPool.repeating(encoded);
        System.out.printf("pool: %d %s requests x %d %s, average encoded %s %.0f bytes (request %.1f KB)%s%n",
                pool.size(), signal, perRequest, items, signal.itemName(), pool.encodedBytes() / (double) (pool.size() * perRequest),
                pool.encodedBytes() / 1024.0 / pool.size(), flags.bool("fresh-trace-ids") ? ", new trace IDs on every pass" : "");

        long pid = Long.parseLong(flags.string("watch-pid"));
        ProcessCpu watched = pid > 0 ? new ProcessCpu(pid, flags.integer("clk-tck")) : null;
        OperatingSystemMXBean self = (OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        int rate = flags.integer("rate");
        Duration warmup = flags.duration("warmup");
        Duration duration = flags.duration("duration");
        System.out.printf("sending to %s: %s, %d in flight over %d connection(s), compression %s; warmup %ds, measuring %ds%n",
                flags.string("endpoint"), rate == 0 ? "unpaced" : String.format("%,d %s/s", rate, items), flags.integer("inflight"),
                flags.integer("connections"), flags.string("compression"), warmup.toSeconds(), duration.toSeconds());

        try (LoadGenerator generator = new LoadGenerator(flags.string("endpoint"), flags.integer("connections"),
                flags.integer("inflight"), flags.string("compression"), signal, pool, perRequest, rate)) {
            generator.start();
            Thread.sleep(warmup.toMillis());
            double watchedBefore = watched == null ? 0 : watched.seconds();
            Map<String, ProcessCpu.Use> threadsBefore = watched == null ? Map.of() : watched.byThreadGroup();
            long selfBefore = self.getProcessCpuTime();
            generator.openWindow();
            Thread.sleep(duration.toMillis());
            Window w = generator.closeWindow();
            double watchedCpu = watched == null ? 0 : watched.seconds() - watchedBefore;
            Map<String, ProcessCpu.Use> threadsAfter = watched == null ? Map.of() : watched.byThreadGroup();
            double selfCpu = (self.getProcessCpuTime() - selfBefore) / 1e9;
            Map<String, String> figures = report(w, signal, rate, watched == null ? -1 : watchedCpu, selfCpu, pid);
            if (watched != null) {
                reportThreads(threadsBefore, threadsAfter, w.seconds(), w.requests.sum(), w.items.sum(), signal.itemName());
            }
            if (!flags.string("result").isEmpty()) {
                writeResult(Path.of(flags.string("result")), figures);
            }
        }
    }

    /**
     * The watched process's CPU and context switches in the window per thread group, largest CPU
     * first (groups under 0.5 % of it and without switches left out): CPU-ms per second, share,
     * CPU-µs per item, and voluntary switches (wake-ups) per second and per request.
     */
    static void reportThreads(Map<String, ProcessCpu.Use> before, Map<String, ProcessCpu.Use> after, double seconds, long requests,
            long items, String itemName) {
        Map<String, ProcessCpu.Use> used = new HashMap<>();
        after.forEach((group, use) -> used.put(group, use.minus(before.getOrDefault(group, ProcessCpu.Use.NONE))));
        ProcessCpu.Use total = used.values().stream().reduce(ProcessCpu.Use.NONE, ProcessCpu.Use::plus);
        System.out.printf("pid CPU by thread over the window:%n  %-18s %7s %9s %6s %10s %9s %11s %9s%n", "threads", "count", "CPU-ms/s",
                "share", "µs/" + itemName, "wakeups/s", "wakeups/req", "preempt/s");
        used.entrySet().stream()
                .sorted(Map.Entry.<String, ProcessCpu.Use>comparingByValue(Comparator.comparingDouble(ProcessCpu.Use::seconds)).reversed())
                .filter(e -> total.seconds() > 0 && e.getValue().seconds() / total.seconds() >= 0.005 || e.getValue().voluntarySwitches() > 0)
                .forEach(e -> printThreads(e.getKey(), e.getValue(), total, seconds, requests, items));
        printThreads("all", total, total, seconds, requests, items);
    }

    private static void printThreads(String group, ProcessCpu.Use use, ProcessCpu.Use total, double seconds, long requests, long items) {
        System.out.printf(Locale.ROOT, "  %-18s %7d %9.2f %5.1f%% %10.3f %9.1f %11.2f %9.1f%n", group, use.threads(),
                use.seconds() * 1000 / seconds, total.seconds() > 0 ? 100 * use.seconds() / total.seconds() : 0,
                items > 0 ? use.seconds() * 1e6 / items : Double.NaN, use.voluntarySwitches() / seconds,
                requests > 0 ? use.voluntarySwitches() / (double) requests : Double.NaN, use.involuntarySwitches() / seconds);
    }

    /** Prints the window's figures; returns them as {@code key=value} pairs for {@code --result}. */
    private static Map<String, String> report(Window w, Signal<?> signal, int rate, double watchedCpu, double selfCpu, long pid) {
        String items = signal.itemName() + "s";
        long acknowledged = w.items.sum();
        double seconds = w.seconds();
        long failed = w.failuresByStatus().values().stream().mapToLong(Long::longValue).sum();
        System.out.printf("acknowledged: %,d %s in %,d requests over %.1f s = %,.0f %s/s%n",
                acknowledged, items, w.requests.sum(), seconds, acknowledged / seconds, items);
        if (rate > 0) {
            System.out.printf("target %,d %s/s: sent %,.0f %s/s, acknowledged %.1f %% of the target%n",
                    rate, items, w.sentItems.sum() / seconds, items, 100 * acknowledged / seconds / rate);
        }
        if (w.rejectedItems.sum() > 0) {
            System.out.printf("partially rejected: %,d %s%n", w.rejectedItems.sum(), items);
        }
        System.out.println("failed requests by status: " + (w.failures.isEmpty() ? "none" : w.failuresByStatus()));
        System.out.printf("latency: p50 %.2f ms, p99 %.2f ms, max %.2f ms%n",
                w.latencies.percentile(50) / 1e6, w.latencies.percentile(99) / 1e6, w.latencies.percentile(100) / 1e6);
        System.out.printf("generator CPU: %.2f s = %.2f cores%n", selfCpu, selfCpu / seconds);
        double cpuPerItem = watchedCpu < 0 || acknowledged == 0 ? Double.NaN : watchedCpu * 1e6 / acknowledged;
        if (watchedCpu >= 0) {
            System.out.printf("pid %d CPU: %.2f s = %.2f cores, %.2f CPU-us/%s%n", pid, watchedCpu, watchedCpu / seconds, cpuPerItem,
                    signal.itemName());
        }
        Map<String, String> figures = new LinkedHashMap<>();
        figures.put("target_items_per_s", Integer.toString(rate));
        figures.put("sent_items_per_s", format(w.sentItems.sum() / seconds));
        figures.put("items_per_s", format(acknowledged / seconds));
        figures.put("failed_requests", Long.toString(failed));
        figures.put("rejected_items", Long.toString(w.rejectedItems.sum()));
        figures.put("latency_p50_ms", format(w.latencies.percentile(50) / 1e6));
        figures.put("latency_p99_ms", format(w.latencies.percentile(99) / 1e6));
        figures.put("daemon_cores", watchedCpu < 0 ? "" : format(watchedCpu / seconds));
        figures.put("cpu_us_per_item", Double.isNaN(cpuPerItem) ? "" : format(cpuPerItem));
        return figures;
    }

    /** Plain digits with a point, whatever the locale, for the scripts that read them. */
    private static String format(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static void writeResult(Path file, Map<String, String> figures) throws IOException {
        StringBuilder lines = new StringBuilder();
        figures.forEach((key, value) -> lines.append(key).append('=').append(value).append('\n'));
        Files.writeString(file, lines);
    }
}
