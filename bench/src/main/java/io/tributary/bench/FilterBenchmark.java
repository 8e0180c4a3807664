package io.tributary.bench;

import com.google.protobuf.ByteString;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Kind;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Traces;
import io.tributary.core.service.Components;
import io.tributary.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
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
 * CPU per span of the {@code filter} processor, made by its factory from YAML as the daemon makes
 * it, on {@link SyntheticTraces} requests (20 × 100 spans). Scores are ns per span.
 *
 * <ul>
 *   <li>{@code filterDecoded}: the processor alone on batches already decoded: the matching cost;
 *   <li>{@code decodeAndFilter}: what a pipeline pays: a received request's bytes, decoded for
 *       the filter, filtered, and encoded again for export when something was dropped (an
 *       untouched batch keeps its bytes);
 *   <li>{@code decodeOnly}: the decoding part of that, for reference.
 * </ul>
 * Configs: {@code legacy_regexp} is the seed tutorials' health-check exclusion (a regexp on an
 * attribute) and {@code ottl_ismatch} its OTTL equivalent, both matching no span here, so every
 * span is fully checked and nothing rebuilt; {@code ottl_drop} drops the fast database spans
 * (about a tenth), so its batches are rebuilt.
 *
 * <pre>java -jar bench/target/tributary-bench.jar FilterBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(FilterBenchmark.SPANS)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class FilterBenchmark {
    static final int REQUESTS = 20;
    static final int SPANS_PER_REQUEST = 100;
    static final int SPANS = REQUESTS * SPANS_PER_REQUEST;

    private static final Map<String, String> CONFIGS = Map.of(
            "legacy_regexp", """
                    spans:
                      exclude:
                        match_type: regexp
                        attributes:
                          - key: url.path
                            value: .*/health.*
                    """,
            "ottl_ismatch", """
                    traces:
                      span:
                        - 'IsMatch(attributes["url.path"], ".*/health.*")'
                    """,
            "ottl_drop", """
                    traces:
                      span:
                        - 'attributes["db.system"] == "postgresql" and end_time_unix_nano - start_time_unix_nano < 1000000'
                    """);

    @Param({"legacy_regexp", "ottl_ismatch", "ottl_drop"})
    public String config;

    private final List<ByteString> requests = new ArrayList<>();
    private final List<Traces> decoded = new ArrayList<>();
    private Processor filter;
    private Traces passedOn;

    @Setup
    public void setUp() throws InvalidOtlpException {
        for (byte[] bytes : LoadGenerator.encodePool(REQUESTS, SPANS_PER_REQUEST, 7)) {
            ByteString request = ByteString.copyFrom(bytes);
            requests.add(request);
            decoded.add(Traces.of(Traces.parse(request).resourceSpans()));
        }
        filter = filter(CONFIGS.get(config));
    }

    private Processor filter(String yaml) {
        @SuppressWarnings("unchecked") // the processor factory registered under "filter"
        ProcessorFactory<Object> factory = (ProcessorFactory<Object>) Components.discover()
                .find(Kind.PROCESSOR, "filter")
                .orElseThrow(() -> new IllegalStateException("no filter processor on the class path"));
        Object bound = Binder.bind(ConfigLoader.parse(yaml, "bench", name -> null), "processors::filter",
                factory.configType(), factory.defaultConfig());
        ComponentContext context = new ComponentContext(new ComponentId("filter", ""), Telemetry.noop(), null, null, null, Clock.systemUTC());
        return factory.create(context, bound, traces -> passedOn = traces);
    }

    @Benchmark
    public int filterDecoded() {
        int spans = 0;
        for (Traces batch : decoded) {
            filter.consume(batch);
            spans += passedOn.spanCount();
        }
        return spans;
    }

    @Benchmark
    public int decodeAndFilter() throws InvalidOtlpException {
        int bytes = 0;
        for (ByteString request : requests) {
            filter.consume(Traces.parse(request));
            bytes += passedOn.encoded().size();
        }
        return bytes;
    }

    @Benchmark
    public int decodeOnly() throws InvalidOtlpException {
        int resources = 0;
        for (ByteString request : requests) {
            resources += Traces.parse(request).resourceSpans().size();
        }
        return resources;
    }
}
