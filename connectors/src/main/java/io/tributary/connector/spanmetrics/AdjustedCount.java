package io.tributary.connector.spanmetrics;

import io.tributary.processor.probabilisticsampler.TraceStateThreshold;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * How many spans a span stands for, as otelcol counts it: a span whose {@code tracestate} carries
 * an OTEP 235 sampling threshold ({@code ot=th:…}) counts 2^56 / (2^56 - threshold) spans,
 * rounded up or down at random so that the counts add up on average ("extrapolated"); any other
 * span counts 1 ("counted"). As in otelcol, the last non-empty tracestate of a batch and its
 * rounded count are remembered, so consecutive spans of one trace count the same.
 */
final class AdjustedCount {
    private static final byte[] OTEL_MEMBER = "ot=".getBytes(StandardCharsets.US_ASCII);

    private final SplittableRandom random = new SplittableRandom();
    private byte[] cachedTraceState = new byte[0];
    private long cachedCount = 1;
    private boolean cachedAdjusted;
    private long count;
    private boolean adjusted;

    /** Forgets the remembered tracestate: otelcol keeps it for one batch. */
    void newBatch() {
        cachedTraceState = new byte[0];
        cachedCount = 1;
        cachedAdjusted = false;
    }

    /** Reads the tracestate in [from, to) of {@code buf}; then {@link #count()} and {@link #adjusted()} tell. */
    void read(byte[] buf, int from, int to) {
        if (from == to) {
            count = 1;
            adjusted = false;
            return;
        }
        if (!Arrays.equals(buf, from, to, cachedTraceState, 0, cachedTraceState.length)) {
            cachedTraceState = Arrays.copyOfRange(buf, from, to);
            compute(cachedTraceState);
        }
        count = cachedCount;
        adjusted = cachedAdjusted;
    }

    private void compute(byte[] traceState) {
        cachedCount = 1;
        cachedAdjusted = false;
        if (!contains(traceState, OTEL_MEMBER)) {
            return;
        }
        long threshold = TraceStateThreshold.of(new String(traceState, StandardCharsets.UTF_8));
        if (threshold < 0) {
            return;
        }
        long denominator = TraceStateThreshold.MAX_ADJUSTED_COUNT - threshold;
        long quotient = TraceStateThreshold.MAX_ADJUSTED_COUNT / denominator;
        long remainder = TraceStateThreshold.MAX_ADJUSTED_COUNT % denominator;
        cachedCount = remainder != 0 && random.nextLong(denominator) < remainder ? quotient + 1 : quotient;
        cachedAdjusted = true;
    }

    private static boolean contains(byte[] text, byte[] part) {
        for (int i = 0; i + part.length <= text.length; i++) {
            if (Arrays.equals(text, i, i + part.length, part, 0, part.length)) {
                return true;
            }
        }
        return false;
    }

    long count() {
        return count;
    }

    boolean adjusted() {
        return adjusted;
    }
}
