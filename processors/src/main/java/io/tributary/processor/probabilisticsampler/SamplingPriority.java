package io.tributary.processor.probabilisticsampler;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.processor.probabilisticsampler.SpanSampler.Priority;
import java.util.regex.Pattern;

/**
 * Reads the OpenTracing {@code sampling.priority} span attribute as otelcol does for traces: an
 * int, double, or string parsed as a float, that is 0 drops the span and above 0 keeps it;
 * anything else (negative, NaN, unparsable, another type) leaves the decision to the sampler.
 */
final class SamplingPriority {
    static final String ATTRIBUTE = "sampling.priority";

    /** Go's {@code strconv.ParseFloat} syntax, decimal or hexadecimal (which needs a {@code p} exponent). */
    private static final Pattern GO_FLOAT = Pattern.compile(
            "[+-]?((\\d+\\.?\\d*|\\.\\d+)([eE][+-]?\\d+)?|0[xX]([0-9a-fA-F]+\\.?[0-9a-fA-F]*|\\.[0-9a-fA-F]+)[pP][+-]?\\d+)");
    private static final Pattern GO_INFINITY = Pattern.compile("[+-]?(?i:inf|infinity)");

    private SamplingPriority() {
    }

    /** What the value of the span's first {@code sampling.priority} attribute asks for (pdata's {@code Map.Get} finds the first). */
    static Priority of(AnyValue value) {
        double number = switch (value.getValueCase()) {
            case INT_VALUE -> value.getIntValue();
            case DOUBLE_VALUE -> value.getDoubleValue();
            case STRING_VALUE -> parseGoFloat(value.getStringValue());
            default -> Double.NaN;
        };
        if (number == 0) {
            return Priority.DROP;
        }
        return number > 0 ? Priority.KEEP : Priority.DEFER;
    }

    /** NaN where Go's ParseFloat fails, including its out-of-range error for finite text beyond a double. */
    private static double parseGoFloat(String text) {
        if (GO_INFINITY.matcher(text).matches()) {
            return text.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!GO_FLOAT.matcher(text).matches()) {
            return Double.NaN;
        }
        double number = Double.parseDouble(text);
        return Double.isInfinite(number) ? Double.NaN : number;
    }
}
