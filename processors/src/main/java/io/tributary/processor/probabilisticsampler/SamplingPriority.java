package io.tributary.processor.probabilisticsampler;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.processor.filtermatch.AttributeValues;
import io.tributary.processor.probabilisticsampler.SpanSampler.Priority;

/**
 * Reads the OpenTracing {@code sampling.priority} span attribute as otelcol does for traces: an
 * int, double, or string parsed as a float, that is 0 drops the span and above 0 keeps it;
 * anything else (negative, NaN, unparsable, another type) leaves the decision to the sampler.
 */
final class SamplingPriority {
    static final String ATTRIBUTE = "sampling.priority";

    private SamplingPriority() {
    }

    /** What the value of the span's first {@code sampling.priority} attribute asks for (pdata's {@code Map.Get} finds the first). */
    static Priority of(AnyValue value) {
        double number = switch (value.getValueCase()) {
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case STRING_VALUE -> {
                Double parsed = AttributeValues.parseGoFloat(value.getStringValue());
                yield parsed == null ? Double.NaN : parsed;
            }
            default -> Double.NaN;
        };
        if (number == 0) {
            return Priority.DROP;
        }
        return number > 0 ? Priority.KEEP : Priority.DEFER;
    }
}
