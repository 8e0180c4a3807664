package io.tributary.bench;

import io.tributary.core.data.Signal;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Sends pre-encoded Jaeger agent datagrams ({@code emitBatch}, Thrift compact) at a paced rate and
 * counts what arrives at an in-process {@link NullBackend}: UDP has no acknowledgement, so the
 * spans the daemon delivered are the only measure of what it took in. Reports, over a window
 * after a warmup, spans/s delivered, loss, the kernel's UDP receive-buffer drops and, with
 * {@code --watch-pid}, the daemon's CPU-µs per delivered span.
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.JaegerUdpLoadGenerator \
 *     --target 127.0.0.1:6831 --backend-port 4319 --rate 2000 --warmup 30s --duration 30s [--watch-pid PID]</pre>
 */
public final class JaegerUdpLoadGenerator implements AutoCloseable {
    /** The pipeline holds spans up to the batch timeout (200 ms) plus the export; longer than that is loss. */
    private static final Duration DRAIN_QUIET = Duration.ofSeconds(2);
    private static final Duration DRAIN_MAX = Duration.ofSeconds(20);

    private final List<byte[]> datagrams;
    private final int[] spansPerDatagram;
    /** Unconnected: a connected socket would fail later sends on the ICMP of an earlier one, e.g. while the daemon restarts. */
    private final DatagramChannel channel;
    private final InetSocketAddress target;
    private final int datagramsPerSecond;
    private final Thread sender;
    private final AtomicLong sentSpans = new AtomicLong();
    private final AtomicLong sentDatagrams = new AtomicLong();
    private volatile boolean running = true;

    JaegerUdpLoadGenerator(InetSocketAddress target, int datagramsPerSecond, List<byte[]> datagrams, int[] spansPerDatagram)
            throws IOException {
        this.datagrams = datagrams;
        this.spansPerDatagram = spansPerDatagram;
        this.channel = DatagramChannel.open();
        this.target = target;
        this.datagramsPerSecond = datagramsPerSecond;
        this.sender = new Thread(this::send, "jaeger-udp-generator");
    }

    void start() {
        sender.start();
    }

    long sentSpans() {
        return sentSpans.get();
    }

    long sentDatagrams() {
        return sentDatagrams.get();
    }

    private void send() {
        Pacer pacer = new Pacer(datagramsPerSecond, System::nanoTime);
        int i = 0;
        try {
            while (running) {
                long wait = pacer.nanosUntilDue();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                    continue;
                }
                pacer.sent();
                int slot = i++ % datagrams.size();
                channel.send(ByteBuffer.wrap(datagrams.get(slot)), target);
                sentDatagrams.incrementAndGet();
                sentSpans.addAndGet(spansPerDatagram[slot]);
            }
        } catch (IOException e) {
            System.err.println("sending stopped: " + e);
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        running = false;
        sender.join();
        channel.close();
    }

    /** Datagrams of {@code minSpans}..{@code maxSpans} spans each, one Jaeger client's batch per datagram. */
    static List<byte[]> encodePool(int count, int minSpans, int maxSpans, long seed, int[] spansOut) {
        JaegerBatches batches = new JaegerBatches(seed);
        List<byte[]> pool = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int spans = minSpans + i * (maxSpans - minSpans + 1) / count;
            spansOut[i] = spans;
            pool.add(JaegerBatches.encode(batches.nextBatch(spans)));
        }
        return pool;
    }

    /** {@code RcvbufErrors} of the {@code Udp:} line in /proc/net/snmp: datagrams the kernel dropped because a socket's buffer was full. */
    static long udpReceiveBufferErrors(String snmp) {
        String[] lines = snmp.lines().filter(l -> l.startsWith("Udp:")).toArray(String[]::new);
        List<String> names = List.of(lines[0].split(" "));
        return Long.parseLong(lines[1].split(" ")[names.indexOf("RcvbufErrors")]);
    }

    private static long udpReceiveBufferErrors() throws IOException {
        return udpReceiveBufferErrors(Files.readString(Path.of("/proc/net/snmp")));
    }

    public static void main(String[] args) throws Exception {
        Flags flags = new Flags(args, Map.of(
                "target", "127.0.0.1:6831",
                "backend-port", "4319",
                "rate", "1000",
                "warmup", "30s",
                "duration", "30s",
                "pool", "64",
                "min-spans", "20",
                "max-spans", "60",
                "watch-pid", "0",
                "clk-tck", "100"));
        int[] spans = new int[flags.integer("pool")];
        List<byte[]> pool = encodePool(spans.length, flags.integer("min-spans"), flags.integer("max-spans"), 1, spans);
        long poolBytes = pool.stream().mapToLong(d -> d.length).sum();
        long poolSpans = Arrays.stream(spans).sum();
        int rate = flags.integer("rate");
        System.out.printf("pool: %d datagrams, %d-%d spans each (mean %.1f), %.0f bytes/span, largest datagram %d bytes%n",
                pool.size(), flags.integer("min-spans"), flags.integer("max-spans"), poolSpans / (double) pool.size(),
                poolBytes / (double) poolSpans, pool.stream().mapToInt(d -> d.length).max().orElse(0));

        String[] target = flags.string("target").split(":");
        long pid = Long.parseLong(flags.string("watch-pid"));
        ProcessCpu watched = pid > 0 ? new ProcessCpu(pid, flags.integer("clk-tck")) : null;
        Duration warmup = flags.duration("warmup");
        Duration duration = flags.duration("duration");
        System.out.printf("sending to %s: %,d datagrams/s (≈ %,.0f spans/s offered); warmup %ds, measuring %ds%n",
                flags.string("target"), rate, rate * poolSpans / (double) pool.size(), warmup.toSeconds(), duration.toSeconds());

        try (NullBackend backend = new NullBackend(flags.integer("backend-port"));
                JaegerUdpLoadGenerator generator = new JaegerUdpLoadGenerator(
                        new InetSocketAddress(target[0], Integer.parseInt(target[1])), rate, pool, spans)) {
            generator.start();
            Thread.sleep(warmup.toMillis());
            double cpuBefore = watched == null ? 0 : watched.seconds();
            Map<String, ProcessCpu.Use> threadsBefore = watched == null ? Map.of() : watched.byThreadGroup();
            long sentBefore = generator.sentSpans();
            long datagramsBefore = generator.sentDatagrams();
            long deliveredBefore = backend.items(Signal.TRACES);
            long rcvbufBefore = udpReceiveBufferErrors();
            long start = System.nanoTime();
            Thread.sleep(duration.toMillis());
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpu = watched == null ? -1 : watched.seconds() - cpuBefore;
            Map<String, ProcessCpu.Use> threadsAfter = watched == null ? Map.of() : watched.byThreadGroup();
            long sent = generator.sentSpans() - sentBefore;
            long datagrams = generator.sentDatagrams() - datagramsBefore;
            long delivered = backend.items(Signal.TRACES) - deliveredBefore;
            long rcvbufDrops = udpReceiveBufferErrors() - rcvbufBefore;
            generator.close();
            long totalDelivered = drain(backend);

            System.out.printf("sent: %,d spans in %,d datagrams over %.1f s = %,.0f spans/s (%,.0f datagrams/s)%n",
                    sent, datagrams, seconds, sent / seconds, datagrams / seconds);
            System.out.printf("delivered: %,d spans = %,.0f spans/s; window loss %.2f %%%n",
                    delivered, delivered / seconds, 100.0 * (sent - delivered) / sent);
            System.out.printf("whole run incl. warmup, after draining: sent %,d, delivered %,d, loss %.2f %%%n",
                    generator.sentSpans(), totalDelivered, 100.0 * (generator.sentSpans() - totalDelivered) / generator.sentSpans());
            System.out.printf("kernel UDP receive-buffer drops in the window: %,d datagrams%n", rcvbufDrops);
            if (watched != null) {
                System.out.printf("pid %d CPU: %.2f s = %.2f cores, %.2f CPU-us/span delivered%n",
                        pid, cpu, cpu / seconds, delivered == 0 ? Double.NaN : cpu * 1e6 / delivered);
                LoadGenerator.reportThreads(threadsBefore, threadsAfter, seconds, datagrams, delivered, "span");
            }
        }
    }

    /** Waits until the backend has seen nothing new for {@link #DRAIN_QUIET}; its final span count. */
    private static long drain(NullBackend backend) throws InterruptedException {
        long deadline = System.nanoTime() + DRAIN_MAX.toNanos();
        long last = -1;
        while (System.nanoTime() < deadline) {
            long now = backend.items(Signal.TRACES);
            if (now == last) {
                return now;
            }
            last = now;
            Thread.sleep(DRAIN_QUIET.toMillis());
        }
        return backend.items(Signal.TRACES);
    }
}
