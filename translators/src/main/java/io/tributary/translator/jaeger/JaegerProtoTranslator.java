package io.tributary.translator.jaeger;

import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.List;

/**
 * Jaeger api_v2 protobuf ({@code jaeger.api_v2.Batch}, as sent to {@code CollectorService/PostSpans})
 * ⇄ OTLP, following the OpenTelemetry specification's Jaeger mapping and the Go collector's jaeger
 * translator.
 */
public final class JaegerProtoTranslator {
    private JaegerProtoTranslator() {
    }

    /**
     * One resource per distinct process (a span's own process overrides the batch's).
     *
     * @throws IllegalArgumentException when a trace ID is wider than 16 bytes or a span ID than 8
     */
    public static Traces toTraces(Model.Batch batch) {
        return Traces.of(ProtoToOtlp.resourceSpans(batch));
    }

    /** One Batch per resource, its spans carrying no process of their own. */
    public static List<Model.Batch> toBatches(Traces traces) {
        return OtlpToProto.batches(traces.resourceSpans());
    }
}
