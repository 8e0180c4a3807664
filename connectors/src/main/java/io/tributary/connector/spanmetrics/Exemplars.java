package io.tributary.connector.spanmetrics;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.metrics.v1.Exemplar;
import java.util.ArrayList;
import java.util.List;

/**
 * The spans a series' data point shows as exemplars: the first {@code max_per_data_point} since
 * the last flush, each with its duration; stamped with the flush time when written out, as otelcol.
 */
final class Exemplars {
    private final int max;
    private final List<Exemplar.Builder> kept = new ArrayList<>(0);

    Exemplars(int max) {
        this.max = max;
    }

    void add(byte[] buf, int traceIdFrom, int traceIdTo, int spanIdFrom, int spanIdTo, double value) {
        if (kept.size() >= max) {
            return;
        }
        kept.add(Exemplar.newBuilder()
                .setTraceId(ByteString.copyFrom(buf, traceIdFrom, traceIdTo - traceIdFrom))
                .setSpanId(ByteString.copyFrom(buf, spanIdFrom, spanIdTo - spanIdFrom))
                .setAsDouble(value));
    }

    List<Exemplar> stamped(long timeUnixNano) {
        List<Exemplar> out = new ArrayList<>(kept.size());
        for (Exemplar.Builder exemplar : kept) {
            out.add(exemplar.setTimeUnixNano(timeUnixNano).build());
        }
        return out;
    }

    void clear() {
        kept.clear();
    }

    /** Whether the trace ID is pdata's empty one: absent or all zeros, which gets no exemplar. */
    static boolean emptyId(byte[] buf, int from, int to) {
        for (int i = from; i < to; i++) {
            if (buf[i] != 0) {
                return false;
            }
        }
        return true;
    }
}
