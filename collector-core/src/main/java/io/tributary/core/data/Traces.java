package io.tributary.core.data;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.wire.Schema;
import java.util.List;
import java.util.Map;

/**
 * An immutable batch of spans as OTLP {@code ResourceSpans}: the traces flavour of
 * {@link SignalData}, which says how it is held, batched, split and given its client.
 */
public final class Traces extends SignalData<Traces, ResourceSpans> {
    private static final DataCodec<Traces, ResourceSpans> CODEC = new DataCodec<>(Schema.TRACES, ResourceSpans.parser(),
            Traces::new,
            request -> ExportTraceServiceRequest.parseFrom(request).getResourceSpansList(),
            entries -> ExportTraceServiceRequest.newBuilder().addAllResourceSpans(entries).build().toByteString(),
            Traces::spans, DataCodec.ONE_ENCODED, DataCodec.ONE, DataCodec.UNCUT);

    public static final Traces EMPTY = CODEC.empty;

    private Traces(ByteString encoded, List<ResourceSpans> decoded, int spanCount, int resourceSpansCount,
            ClientInfo client, DecodedBefore<ResourceSpans> decodedBefore) {
        super(encoded, decoded, spanCount, resourceSpansCount, client, decodedBefore);
    }

    @Override
    DataCodec<Traces, ResourceSpans> codec() {
        return CODEC;
    }

    private static int spans(ResourceSpans entry) {
        int spans = 0;
        for (ScopeSpans scope : entry.getScopeSpansList()) {
            spans += scope.getSpansCount();
        }
        return spans;
    }

    /**
     * Wraps the wire bytes of an {@code ExportTraceServiceRequest} after checking their structure
     * down to each span (well-formed tags and lengths, wire types of known fields, valid UTF-8
     * strings, 16-byte trace IDs, 8-byte span IDs): whatever it accepts decodes with protobuf-java.
     *
     * @throws InvalidOtlpException saying what is wrong and where
     */
    public static Traces parse(ByteString request) throws InvalidOtlpException {
        return CODEC.parse(request);
    }

    public static Traces of(List<ResourceSpans> resourceSpans) {
        return CODEC.of(resourceSpans);
    }

    public static Traces of(ExportTraceServiceRequest request) {
        return of(request.getResourceSpansList());
    }

    /**
     * Wraps request bytes known to be valid without checking them again: bytes a component built
     * itself from validated or protobuf-encoded bytes (a slice, spans re-enveloped by an
     * {@link io.tributary.core.data.wire.EnvelopeWriter}), with their counts. Anything else must
     * go through {@link #parse}: protobuf would fail to decode it later.
     */
    public static Traces trusted(ByteString request, int spanCount, int resourceSpansCount) {
        return CODEC.trusted(request, spanCount, resourceSpansCount);
    }

    /**
     * Merges batches in order; encoded inputs are concatenated without decoding. The result keeps
     * the client only when every part has that same client.
     */
    public static Traces concat(List<Traces> parts) {
        return CODEC.concat(parts);
    }

    /** Other spans from the same client, which a processor passes on in place of these. */
    public Traces withResourceSpans(List<ResourceSpans> resourceSpans) {
        return withResourceEntries(resourceSpans);
    }

    /** Known without a walk. */
    public int spanCount() {
        return itemCount();
    }

    public int resourceSpansCount() {
        return resourceEntryCount();
    }

    /** The decoded form; decodes (once) when this holds bytes. */
    public List<ResourceSpans> resourceSpans() {
        return resourceEntries();
    }

    public ExportTraceServiceRequest toRequest() {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(resourceSpans()).build();
    }

    /**
     * Cuts into one part per key that {@code router} names, keeping order within each part. A
     * resource entry going whole to one part is taken as a byte slice; one whose spans go to
     * several parts is re-enveloped per part, each piece keeping its resource and scope, and a
     * resource entry without spans is dropped when it is routed span by span. Parts come in the
     * order their first span was routed; they hold no client.
     */
    public <K> Map<K, Traces> route(SpanRouter<K> router) {
        return TracesRouting.route(encoded(), router);
    }
}
