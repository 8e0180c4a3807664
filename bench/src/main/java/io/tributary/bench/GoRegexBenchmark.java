package io.tributary.bench;

import io.tributary.processor.filterset.GoRegex;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One regexp match of the seed health-check exclusion {@code .*}{@code /health.*} against a value
 * that does not match, of growing length: {@code javaFind} is the pattern as written under
 * {@code find()} (a leading {@code .*} retried from every start, quadratic), {@code goRegex} is
 * {@link GoRegex#matches}, which drops the outer {@code .*}s. Scores are ns per match.
 *
 * <pre>java -jar bench/target/tributary-bench.jar GoRegexBenchmark -f 1 -wi 3 -i 5</pre>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 1, jvmArgsAppend = "-Xmx256m")
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class GoRegexBenchmark {
    private static final String EXPRESSION = ".*/health.*";

    @Param({"20", "100", "1000"})
    int length;

    private String value;
    private Pattern java;
    private GoRegex go;

    @Setup
    public void setUp() {
        StringBuilder path = new StringBuilder("/api/v1/orders/");
        while (path.length() < length) {
            path.append("1234567890/");
        }
        value = path.substring(0, length);
        java = Pattern.compile(EXPRESSION);
        go = GoRegex.compile(EXPRESSION);
    }

    @Benchmark
    public boolean javaFind() {
        return java.matcher(value).find();
    }

    @Benchmark
    public boolean goRegex() {
        return go.matches(value);
    }
}
