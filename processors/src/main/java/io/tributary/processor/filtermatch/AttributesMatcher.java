package io.tributary.processor.filtermatch;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.filterset.StringSet;
import java.util.ArrayList;
import java.util.List;

/** All listed attributes must be present and, where a value is given, match it (otelcol's AttributesMatcher). */
public final class AttributesMatcher {
    /** One key; with a strict value, or a regexp over the value's text, or neither (presence only). */
    private record Entry(String key, AnyValue expected, StringSet pattern) {
        boolean matches(AnyValue actual) {
            if (pattern != null) {
                String text = AttributeValues.matchText(actual);
                return text != null && pattern.matches(text);
            }
            return expected == null || AttributeValues.sameValue(expected, actual);
        }
    }

    private final List<Entry> entries;

    private AttributesMatcher(List<Entry> entries) {
        this.entries = entries;
    }

    /** @throws IllegalArgumentException for a regexp that does not compile or a non-string regexp value */
    public static AttributesMatcher of(List<MatchProperties.Attribute> attributes, MatchType type) {
        List<Entry> entries = new ArrayList<>(attributes.size());
        for (MatchProperties.Attribute attribute : attributes) {
            if (attribute.value() == null) {
                entries.add(new Entry(attribute.key(), null, null));
                continue;
            }
            AnyValue value = AttributeValues.fromConfig(attribute.value());
            if (type == MatchType.STRICT) {
                entries.add(new Entry(attribute.key(), value, null));
            } else if (value.hasStringValue()) {
                entries.add(new Entry(attribute.key(), null, StringSet.of(List.of(value.getStringValue()), type)));
            } else {
                throw new IllegalArgumentException("match_type=regexp for \"" + attribute.key()
                        + "\" only supports Str, but found " + AttributeValues.typeName(value));
            }
        }
        return new AttributesMatcher(List.copyOf(entries));
    }

    public boolean matches(List<KeyValue> attributes) {
        for (Entry entry : entries) {
            AnyValue actual = AttributeValues.get(attributes, entry.key());
            if (actual == null || !entry.matches(actual)) {
                return false;
            }
        }
        return true;
    }
}
