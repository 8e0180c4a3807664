package io.tributary.bench;

import com.google.protobuf.ByteString;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Processor;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerConfig;
import io.tributary.processor.probabilisticsampler.ProbabilisticSamplerFactory;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * What the {@code probabilistic_sampler} processor costs per span: the load generator's 100-span
 * requests (82 of them, 8200 spans) validated as a receiver does, sampled, and what survives
 * encoded as the exporter would. Decoding is paid whatever the percentage; at 100 % every kept
 * span's tracestate is rewritten (otelcol writes {@code th}, and {@code rv} in {@code hash_seed}
 * mode), so that is the worst case; at 10 % only a tenth is re-encoded.
 *
 * <pre>java -jar bench/target/tributary-bench.jar ProbabilisticSamplerBenchmark -f1 -wi 3 -i 5</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PipelineBenchmark.SPANS_PER_BATCH)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class ProbabilisticSamplerBenchmark {
    @Param({"hash_seed", "proportional"})
    public String mode;

    @Param({"10", "100"})
    public double percentage;

    private final List<ByteString> requests = new ArrayList<>();
    private Processor sampler;
    private int encodedBytes;

    @Setup
    public void setUp() {
        LoadGenerator.encodePool(PipelineBenchmark.REQUESTS_PER_BATCH, PipelineBenchmark.SPANS_PER_REQUEST, 1)
                .forEach(bytes -> requests.add(ByteString.copyFrom(bytes)));
        ProbabilisticSamplerConfig config = new ProbabilisticSamplerConfig(percentage, 0,
                ProbabilisticSamplerConfig.Mode.valueOf(mode.toUpperCase(Locale.ROOT)), true, 4, "traceID", "", "");
        ComponentContext context = new ComponentContext(new ComponentId("probabilistic_sampler", ""), Telemetry.noop(),
                null, null, null, Clock.systemUTC());
        sampler = new ProbabilisticSamplerFactory().create(context, config, traces -> encodedBytes += traces.encoded().size());
    }

    @Benchmark
    public int sampleAndEncode() throws InvalidOtlpException {
        encodedBytes = 0;
        for (ByteString request : requests) {
            sampler.consume(Traces.parse(request));
        }
        return encodedBytes;
    }
}
