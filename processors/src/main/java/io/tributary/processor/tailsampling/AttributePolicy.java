package io.tributary.processor.tailsampling;

import io.tributary.processor.filterset.GoRegex;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * otelcol's {@code string_attribute}, {@code numeric_attribute} and {@code boolean_attribute}:
 * the key is looked up on each resource of the trace and on each span, read from the encoded
 * bytes. Sampled when one of them matches; with {@code invert_match}, "inverted sampled" unless
 * one of them matches (a trace without the key is then sampled), "inverted not sampled" otherwise.
 */
final class AttributePolicy implements Policy {
    /** Resource attributes are field 1 of {@code Resource}, the head's field 1; span attributes are field 9 of {@code Span}. */
    private static final int RESOURCE = 1;
    private static final int ATTRIBUTES = 1;
    private static final int SPAN_ATTRIBUTES = 9;
    /** otelcol's regex result cache size when {@code cache_max_size} is not set. */
    private static final int DEFAULT_CACHE_SIZE = 128;

    private final byte[] key;
    private final Predicate<AttributeValue> onResource;
    private final Predicate<AttributeValue> onSpan;
    private final boolean invert;

    private AttributePolicy(String key, Predicate<AttributeValue> onResource, Predicate<AttributeValue> onSpan,
            boolean invert) {
        this.key = key == null ? new byte[0] : key.getBytes(StandardCharsets.UTF_8);
        this.onResource = onResource;
        this.onSpan = onSpan;
        this.invert = invert;
    }

    /** Values are exact strings (empty ones ignored) or unanchored regular expressions; a span's empty string never matches. */
    static AttributePolicy string(PolicyConfig.StringAttribute config) {
        Predicate<String> matcher = config.enabledRegexMatching()
                ? regex(config.values(), config.cacheMaxSize() > 0 ? config.cacheMaxSize() : DEFAULT_CACHE_SIZE)
                : exact(config.values());
        return new AttributePolicy(config.key(), value -> matcher.test(value.str()),
                value -> !value.str().isEmpty() && matcher.test(value.str()), config.invertMatch());
    }

    /** {@code min_value: 0} and {@code max_value: 0} mean unbounded; a non-integer attribute reads as 0, as in pdata. */
    static AttributePolicy numeric(PolicyConfig.NumericAttribute config) {
        long min = config.minValue() != 0 ? config.minValue() : Long.MIN_VALUE;
        long max = config.maxValue() != 0 ? config.maxValue() : Long.MAX_VALUE;
        Predicate<AttributeValue> inRange = value -> value.intValue() >= min && value.intValue() <= max;
        return new AttributePolicy(config.key(), inRange, inRange, config.invertMatch());
    }

    static AttributePolicy bool(PolicyConfig.BooleanAttribute config) {
        Predicate<AttributeValue> equal = value -> value.bool() == config.value();
        return new AttributePolicy(config.key(), equal, equal, config.invertMatch());
    }

    @Override
    public Decision evaluate(TraceView trace) {
        boolean matched = trace.anyResource(head -> {
            AttributeValue value = resourceAttribute(head);
            return value != null && onResource.test(value);
        }) || trace.anySpan((origin, data, from, to) -> {
            AttributeValue value = Wire.attribute(data, from, to, SPAN_ATTRIBUTES, key);
            return value != null && onSpan.test(value);
        });
        if (invert) {
            return matched ? Decision.INVERT_NOT_SAMPLED : Decision.INVERT_SAMPLED;
        }
        return matched ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }

    private AttributeValue resourceAttribute(byte[] head) {
        Wire in = new Wire(head, 0, head.length);
        while (in.more()) {
            int tag = in.tag();
            if (tag == (RESOURCE << 3 | Wire.LENGTH_DELIMITED)) {
                int end = in.lengthEnd();
                return Wire.attribute(head, in.pos, end, ATTRIBUTES, key);
            }
            in.skip(tag);
        }
        return null;
    }

    private static Predicate<String> exact(List<String> values) {
        Set<String> set = new HashSet<>();
        for (String value : values) {
            if (!value.isEmpty()) {
                set.add(value);
            }
        }
        return set::contains;
    }

    /** Go's {@code MatchString} finds a match anywhere in the value; results are kept in an LRU cache. */
    private static Predicate<String> regex(List<String> values, int cacheSize) {
        List<GoRegex> patterns = values.stream().map(GoRegex::compile).toList();
        Map<String, Boolean> cache = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > cacheSize;
            }
        };
        return value -> cache.computeIfAbsent(value, v -> patterns.stream().anyMatch(p -> p.matches(v)));
    }
}
