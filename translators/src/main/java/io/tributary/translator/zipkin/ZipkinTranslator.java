package io.tributary.translator.zipkin;

import io.tributary.core.data.Traces;
import java.util.List;
import zipkin2.Span;

/** Zipkin v2 spans ⇄ OTLP, following the OpenTelemetry specification's Zipkin mapping and the Go collector's translator. */
public final class ZipkinTranslator {
    private ZipkinTranslator() {
    }

    /**
     * @param parseStringTags when true, string tag values that look like ints, floats or bools
     *                        become attributes of that type (the receiver's {@code parse_string_tags})
     */
    public static Traces toTraces(List<Span> spans, boolean parseStringTags) {
        throw new UnsupportedOperationException("TODO");
    }

    public static List<Span> toSpans(Traces traces) {
        throw new UnsupportedOperationException("TODO");
    }
}
