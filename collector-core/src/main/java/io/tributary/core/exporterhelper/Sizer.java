package io.tributary.core.exporterhelper;

import io.tributary.core.data.SignalData;

/** {@code sending_queue::sizer}: what {@code queue_size} counts, as in otelcol. */
public enum Sizer {
    /** Batches, however many items each holds (otelcol's default). */
    REQUESTS,
    /** Items: spans, metric data points or log records. */
    ITEMS,
    /** Bytes of the encoded OTLP request (otelcol's bytes sizer measures the same protobuf size). */
    BYTES;

    long sizeOf(int items, long bytes) {
        return switch (this) {
            case REQUESTS -> 1;
            case ITEMS -> items;
            case BYTES -> bytes;
        };
    }

    long sizeOf(SignalData<?, ?> data) {
        return switch (this) {
            case REQUESTS -> 1;
            case ITEMS -> data.itemCount();
            case BYTES -> data.encoded().size();
        };
    }
}
