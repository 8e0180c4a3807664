package io.tributary.translator.jaeger;

import io.jaegertracing.thriftjava.Batch;
import io.tributary.core.data.Traces;
import java.util.List;

/**
 * Jaeger Thrift ({@code jaeger.thrift} {@code Batch}) ⇄ OTLP, following the OpenTelemetry
 * specification's Jaeger mapping and the Go collector's jaeger translator.
 */
public final class JaegerThriftTranslator {
    private JaegerThriftTranslator() {
    }

    /** One Batch (a process and its spans) → one resource's spans. */
    public static Traces toTraces(Batch batch) {
        throw new UnsupportedOperationException("TODO");
    }

    /** One Batch per resource. */
    public static List<Batch> toBatches(Traces traces) {
        throw new UnsupportedOperationException("TODO");
    }
}
