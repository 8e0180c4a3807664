package io.tributary.connector.spanmetrics;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The series of one metric of one resource, by key, in the order they appeared. Past
 * {@code aggregation_cardinality_limit} series (0: no limit) a new key is counted in one overflow
 * series instead, whose only attribute is {@code otel.metric.overflow: true}, as otelcol's (so at
 * most limit + 1 series are held).
 */
final class SeriesTable<S extends Series> {
    static final String OVERFLOW_ATTRIBUTE = "otel.metric.overflow";
    /** otelcol keys the overflow series by the attribute's name. */
    static final BytesKey OVERFLOW_KEY = BytesKey.of(OVERFLOW_ATTRIBUTE);
    private static final List<KeyValue> OVERFLOW_ATTRIBUTES = List.of(KeyValue.newBuilder().setKey(OVERFLOW_ATTRIBUTE)
            .setValue(AnyValue.newBuilder().setBoolValue(true)).build());

    /** Builds a new series' attributes, only when one is made. */
    interface Attributes {
        List<KeyValue> build();
    }

    private final Map<BytesKey, S> series = new LinkedHashMap<>();
    private final Series.Factory<S> factory;
    private final int limit;
    private final int maxExemplars;

    SeriesTable(Series.Factory<S> factory, int limit, int maxExemplars) {
        this.factory = factory;
        this.limit = limit;
        this.maxExemplars = maxExemplars;
    }

    /** The series of {@code key} (a scratch key: it is copied when kept), made now with {@code startUnixNano} if new. */
    S get(BytesKey key, Attributes attributes, long startUnixNano) {
        S found = series.get(key);
        if (found != null) {
            return found;
        }
        if (limit > 0 && series.size() >= limit) {
            S overflow = series.get(OVERFLOW_KEY);
            if (overflow == null) {
                overflow = factory.create(OVERFLOW_ATTRIBUTES, startUnixNano, true, maxExemplars);
                series.put(OVERFLOW_KEY, overflow);
            }
            return overflow;
        }
        S created = factory.create(attributes.build(), startUnixNano, false, maxExemplars);
        series.put(key.copy(), created);
        return created;
    }

    Map<BytesKey, S> series() {
        return series;
    }

    void clearExemplars() {
        for (S s : series.values()) {
            if (s.exemplars != null) {
                s.exemplars.clear();
            }
        }
    }
}
