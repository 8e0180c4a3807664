package io.tributary.translator.jaeger;

import io.jaegertracing.thriftjava.Batch;
import io.tributary.core.data.Traces;
import io.tributary.translator.jaeger.apiv2.Model;
import java.util.ArrayList;
import java.util.List;

/**
 * Jaeger Thrift ({@code jaeger.thrift} {@code Batch}) ⇄ OTLP, following the OpenTelemetry
 * specification's Jaeger mapping and the Go collector's jaeger translator. Goes through the api_v2
 * model, as the Go collector does, so both Jaeger encodings share one mapping.
 */
public final class JaegerThriftTranslator {
    private JaegerThriftTranslator() {
    }

    /** One Batch (a process and its spans) → one resource's spans. */
    public static Traces toTraces(Batch batch) {
        return JaegerProtoTranslator.toTraces(ThriftModel.toModel(batch));
    }

    /** One Batch per resource; times truncated to microseconds. */
    public static List<Batch> toBatches(Traces traces) {
        List<Model.Batch> models = JaegerProtoTranslator.toBatches(traces);
        List<Batch> batches = new ArrayList<>(models.size());
        for (Model.Batch model : models) {
            batches.add(ThriftModel.toThrift(model));
        }
        return batches;
    }
}
