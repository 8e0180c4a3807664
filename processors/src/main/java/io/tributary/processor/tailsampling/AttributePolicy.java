package io.tributary.processor.tailsampling;

import io.tributary.processor.filterset.GoRegex;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
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
 * bytes. Sampled when one of them matches; with {@code invert_match}, sampled unless one of them
 * matches (a trace without the key is then sampled), not sampled otherwise.
 */
final class AttributePolicy implements Policy {
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
            AttributeValue value = attribute(data, from, to, Schema.Span.ATTRIBUTES, key);
            return value != null && onSpan.test(value);
        });
        return matched != invert ? Decision.SAMPLED : Decision.NOT_SAMPLED;
    }

    /** Resource attributes are in the resource field of the entry's head. */
    private AttributeValue resourceAttribute(byte[] head) {
        WireCursor in = new WireCursor(head, 0, head.length);
        while (in.more()) {
            int tag = in.tag();
            if (tag == Schema.lengthDelimited(Schema.ResourceEntry.RESOURCE)) {
                int end = in.lengthEnd();
                return attribute(head, in.pos(), end, Schema.Resource.ATTRIBUTES, key);
            }
            in.skip(tag);
        }
        return null;
    }

    /** The attribute's value when the message in [from, to) has the key in its repeated field {@code field}, else null. */
    static AttributeValue attribute(byte[] buf, int from, int to, int field, byte[] key) {
        Attributes.Value value = Attributes.find(buf, from, to, field, key);
        return value == null ? null : anyValue(buf, value.from(), value.to());
    }

    /** The last occurrence of each scalar field wins, as in protobuf's merge; nested kinds read as empty. */
    private static AttributeValue anyValue(byte[] buf, int from, int to) {
        WireCursor in = new WireCursor(buf, from, to);
        AttributeValue value = AttributeValue.EMPTY;
        while (in.more()) {
            int tag = in.tag();
            switch (tag) {
                case Schema.AnyValue.STRING_VALUE << 3 | Schema.WIRETYPE_LENGTH_DELIMITED -> {
                    int end = in.lengthEnd();
                    value = AttributeValue.ofString(new String(buf, in.pos(), end - in.pos(), StandardCharsets.UTF_8));
                    in.pos(end);
                }
                case Schema.AnyValue.BOOL_VALUE << 3 | Schema.WIRETYPE_VARINT -> value = AttributeValue.ofBool(in.varint() != 0);
                case Schema.AnyValue.INT_VALUE << 3 | Schema.WIRETYPE_VARINT -> value = AttributeValue.ofInt(in.varint());
                case Schema.AnyValue.DOUBLE_VALUE << 3 | Schema.WIRETYPE_FIXED64 ->
                        value = AttributeValue.ofDouble(Double.longBitsToDouble(in.fixed64()));
                default -> {
                    in.skip(tag);
                    value = AttributeValue.EMPTY;
                }
            }
        }
        return value;
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
