package io.tributary.processor.probabilisticsampler;

/**
 * The OTEP 235 sampling threshold a span's W3C {@code tracestate} carries ({@code ot=th:…}),
 * read as otelcol's {@code pkg/sampling} reads it, for components other than this processor:
 * the span metrics connector counts a sampled span as the spans it stands for.
 */
public final class TraceStateThreshold {
    /** 2^56: a threshold's range, and the numerator of an adjusted count. */
    public static final long MAX_ADJUSTED_COUNT = Otep235.MAX_ADJUSTED_COUNT;

    private TraceStateThreshold() {
    }

    /**
     * The threshold in [0, 2^56) of the {@code th} value, or -1 when there is none: no
     * {@code th}, or a {@code tracestate} otelcol refuses (any syntax or size error in any member).
     */
    public static long of(String tracestate) {
        SamplingTraceState state = SamplingTraceState.parse(tracestate);
        return state.error() == null && state.hasTValue() ? state.threshold() : -1;
    }
}
