package io.tributary.core.data;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import java.util.List;

/**
 * An immutable batch of spans as OTLP {@code ResourceSpans}, passed between components.
 *
 * <p>It hides its representation: data from the network stays as the encoded bytes of an
 * {@code ExportTraceServiceRequest} (validated and span-counted by a walk that builds no
 * objects) and is decoded only when a processor asks for {@link #resourceSpans()}. Because the
 * request is {@code repeated ResourceSpans resource_spans = 1}, encoded batches are merged by
 * concatenating bytes ({@link #concat}), so receive → batch → export never builds a protobuf
 * object graph.
 */
public final class Traces {
    public static final Traces EMPTY = new Traces(ByteString.EMPTY, null, 0, 0);

    private final int spanCount;
    private final int resourceSpansCount;
    private volatile ByteString encoded;
    private volatile List<ResourceSpans> decoded;

    private Traces(ByteString encoded, List<ResourceSpans> decoded, int spanCount, int resourceSpansCount) {
        this.encoded = encoded;
        this.decoded = decoded;
        this.spanCount = spanCount;
        this.resourceSpansCount = resourceSpansCount;
    }

    /**
     * Wraps the wire bytes of an {@code ExportTraceServiceRequest} after checking their structure
     * down to each span (well-formed tags and lengths, 16-byte trace IDs, 8-byte span IDs).
     *
     * @throws InvalidTracesException saying what is wrong and where
     */
    public static Traces parse(ByteString request) throws InvalidTracesException {
        throw new UnsupportedOperationException("TODO");
    }

    public static Traces of(List<ResourceSpans> resourceSpans) {
        throw new UnsupportedOperationException("TODO");
    }

    public static Traces of(ExportTraceServiceRequest request) {
        return of(request.getResourceSpansList());
    }

    /** Merges batches in order; encoded inputs are concatenated without decoding. */
    public static Traces concat(List<Traces> parts) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Known without a walk. */
    public int spanCount() {
        return spanCount;
    }

    public int resourceSpansCount() {
        return resourceSpansCount;
    }

    public boolean isEmpty() {
        return spanCount == 0 && resourceSpansCount == 0;
    }

    /** The decoded form; decodes (once) when this holds bytes. */
    public List<ResourceSpans> resourceSpans() {
        throw new UnsupportedOperationException("TODO");
    }

    /** The bytes of an equivalent {@code ExportTraceServiceRequest}; encodes (once) when decoded. */
    public ByteString encoded() {
        throw new UnsupportedOperationException("TODO");
    }

    public ExportTraceServiceRequest toRequest() {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(resourceSpans()).build();
    }

    /**
     * Splits into consecutive parts of at most {@code maxSpans} spans each, keeping order; splits
     * whole resource-spans entries on their bytes and decodes only an entry that must be cut.
     */
    public List<Traces> split(int maxSpans) {
        throw new UnsupportedOperationException("TODO");
    }
}
