package io.tributary.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the {@code otlp} exporter's gzip costs per span at a given zlib level
 * ({@code compression_params.level}; 6 is the default, otelcol's too): one batch as the exporter
 * sends it, 82 requests of the load generator's traffic (8200 spans), compressed as grpc-java's
 * framer does it, through a {@code GZIPOutputStream}. The compressed size is printed at setup.
 *
 * <pre>java -jar bench/target/tributary-bench.jar GzipBenchmark -wi 2 -i 3 -f 1</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PipelineBenchmark.SPANS_PER_BATCH)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class GzipBenchmark {
    @Param({"1", "6"})
    public int level;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream(4 << 20);
    private byte[] batch;

    @Setup
    public void setUp() throws IOException {
        ByteArrayOutputStream joined = new ByteArrayOutputStream();
        List<byte[]> requests = LoadGenerator.encodePool(PipelineBenchmark.REQUESTS_PER_BATCH, PipelineBenchmark.SPANS_PER_REQUEST, 1);
        for (byte[] request : requests) {
            joined.write(request);
        }
        batch = joined.toByteArray();
        int compressed = compress();
        System.out.printf("%nlevel %d: %,d bytes -> %,d (%.1f%%)%n", level, batch.length, compressed, 100.0 * compressed / batch.length);
    }

    @Benchmark
    public int compress() throws IOException {
        out.reset();
        try (OutputStream gzip = new Leveled(out, level)) {
            gzip.write(batch);
        }
        return out.size();
    }

    private static final class Leveled extends GZIPOutputStream {
        Leveled(OutputStream out, int level) throws IOException {
            super(out);
            def.setLevel(level);
        }
    }
}
