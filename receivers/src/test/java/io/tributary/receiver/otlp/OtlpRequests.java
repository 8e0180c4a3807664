package io.tributary.receiver.otlp;

import com.google.protobuf.ByteString;
import io.opentelemetry.exporter.internal.otlp.traces.TraceRequestMarshaler;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/** {@code ExportTraceServiceRequest} bodies encoded by the OpenTelemetry SDK's own OTLP marshaler. */
final class OtlpRequests {
    private OtlpRequests() {
    }

    static ByteString protobuf(List<SpanData> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TraceRequestMarshaler.create(spans).writeBinaryTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ByteString.copyFrom(out.toByteArray());
    }

    /** OTLP/JSON as the SDK writes it: hex IDs, int64 as strings, enums as integers. */
    static byte[] json(List<SpanData> spans) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            TraceRequestMarshaler.create(spans).writeJsonTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
