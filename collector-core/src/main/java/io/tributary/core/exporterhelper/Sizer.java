package io.tributary.core.exporterhelper;

/** {@code sending_queue::sizer}: what {@code queue_size} counts, as in otelcol. */
public enum Sizer {
    /** Batches, however many spans each holds (otelcol's default). */
    REQUESTS,
    /** Spans. */
    ITEMS,
    /** Bytes of the encoded OTLP request (otelcol's bytes sizer measures the same protobuf size). */
    BYTES;

    long sizeOf(int spans, long bytes) {
        return switch (this) {
            case REQUESTS -> 1;
            case ITEMS -> spans;
            case BYTES -> bytes;
        };
    }
}
