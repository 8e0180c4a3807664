package io.tributary.bench;

import com.google.protobuf.ByteString;
import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.connector.spanmetrics.SpanMetricsConfig;
import io.tributary.connector.spanmetrics.SpanMetricsConnectorFactory;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Connector;
import io.tributary.core.consumer.ConnectorTargets;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
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
 * What the {@code spanmetrics} connector adds per span: the load generator's 100-span requests
 * (82 of them, 8200 spans of five services), already validated as the receiver hands them on,
 * given to {@code consume}, which reads each span where it lies and adds it to its series. The
 * flush (once a {@code metrics_flush_interval}, per series rather than per span) is not timed.
 * {@code default}: otelcol's default config; {@code dimensions}: four dimensions (a string, an
 * int, one only database spans have, one from the resource), exemplars, and the events metric by
 * exception type.
 *
 * <pre>java -jar bench/target/tributary-bench.jar SpanMetricsBenchmark -f1 -wi 3 -i 5 -prof gc</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(PipelineBenchmark.SPANS_PER_BATCH)
@Fork(value = 1, jvmArgsAppend = "-Xmx1g")
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class SpanMetricsBenchmark {
    private static final Map<String, String> CONFIGS = Map.of(
            "default", "",
            "dimensions", """
                    dimensions:
                      - name: http.route
                      - name: http.response.status_code
                      - name: db.system
                        default: none
                      - name: k8s.namespace.name
                    exemplars:
                      enabled: true
                    events:
                      enabled: true
                      dimensions:
                        - name: exception.type
                    """);

    @Param({"default", "dimensions"})
    public String config;

    private final List<Traces> batches = new ArrayList<>();
    private Connector<Traces> connector;

    @Setup
    public void setUp() throws InvalidOtlpException {
        for (byte[] request : LoadGenerator.encodePool(PipelineBenchmark.REQUESTS_PER_BATCH, PipelineBenchmark.SPANS_PER_REQUEST, 1)) {
            batches.add(Traces.parse(ByteString.copyFrom(request)));
        }
        SpanMetricsConnectorFactory factory = new SpanMetricsConnectorFactory();
        SpanMetricsConfig settings = Binder.bind(ConfigLoader.parse(CONFIGS.get(config), "bench", name -> null),
                "connectors::spanmetrics", SpanMetricsConfig.class, factory.defaultConfig());
        ComponentContext context = new ComponentContext(new ComponentId("spanmetrics", ""), Telemetry.noop(), null, null, null,
                Clock.systemUTC());
        connector = factory.create(context, settings, Signal.TRACES,
                new ConnectorTargets<>(Signal.METRICS, Map.<String, SignalConsumer<Metrics>>of("metrics", metrics -> { })));
    }

    @Benchmark
    public int consume() {
        for (Traces traces : batches) {
            connector.consume(traces);
        }
        return batches.size();
    }
}
