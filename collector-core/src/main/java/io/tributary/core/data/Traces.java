package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * An immutable batch of spans as OTLP {@code ResourceSpans}, passed between components.
 *
 * <p>It hides its representation: data from the network stays as the encoded bytes of an
 * {@code ExportTraceServiceRequest} (validated and span-counted by a walk that builds no
 * objects) and is decoded only when a processor asks for {@link #resourceSpans()}. Because the
 * request is {@code repeated ResourceSpans resource_spans = 1}, encoded batches are merged by
 * concatenating bytes ({@link #concat}), so receive → batch → export never builds a protobuf
 * object graph.
 *
 * <p>A batch also says which client sent it ({@link #client()}), as otelcol's request context
 * does: set by the receiver, kept by processors that pass on other spans in its place
 * ({@link #withResourceSpans}) or edit them ({@link #editAttributes}), by splitting and by
 * exporter queues, and dropped where batches of different clients merge ({@link #concat}).
 */
public final class Traces {
    public static final Traces EMPTY = new Traces(ByteString.EMPTY, null, 0, 0, ClientInfo.NONE);

    private final int spanCount;
    private final int resourceSpansCount;
    private final ClientInfo client;
    private volatile ByteString encoded;
    private volatile List<ResourceSpans> decoded;
    /** For bytes edited from a decoded batch ({@link #editAttributes}): what decoding them reuses; else null. */
    private final DecodedBefore decodedBefore;

    private Traces(ByteString encoded, List<ResourceSpans> decoded, int spanCount, int resourceSpansCount,
            ClientInfo client) {
        this(encoded, decoded, spanCount, resourceSpansCount, client, null);
    }

    private Traces(ByteString encoded, List<ResourceSpans> decoded, int spanCount, int resourceSpansCount,
            ClientInfo client, DecodedBefore decodedBefore) {
        this.encoded = encoded;
        this.decoded = decoded;
        this.spanCount = spanCount;
        this.resourceSpansCount = resourceSpansCount;
        this.client = client;
        this.decodedBefore = decodedBefore;
    }

    /**
     * The resource entries of a decoded batch that an edit of its bytes made, and which of them
     * the edit changed: decoding the edited bytes takes the others as they are.
     */
    private record DecodedBefore(List<ResourceSpans> entries, BitSet changed) {
        List<ResourceSpans> decode(ByteString request) {
            FlatBytes flat = FlatBytes.of(request);
            List<ResourceSpans> result = new ArrayList<>(entries.size());
            EnvelopeWalker.walkResources(Schema.TRACES, flat.array(), flat.from(), flat.to(), (entryStart, from, to) -> {
                int index = result.size();
                result.add(changed.get(index) ? decodeEntry(flat.array(), from, to) : entries.get(index));
            });
            return Collections.unmodifiableList(result);
        }

        private static ResourceSpans decodeEntry(byte[] buf, int from, int to) {
            try {
                return ResourceSpans.parser().parseFrom(buf, from, to - from);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("an edited resource entry does not decode", e);
            }
        }
    }

    /**
     * Wraps the wire bytes of an {@code ExportTraceServiceRequest} after checking their structure
     * down to each span (well-formed tags and lengths, wire types of known fields, valid UTF-8
     * strings, 16-byte trace IDs, 8-byte span IDs): whatever it accepts decodes with protobuf-java.
     *
     * @throws InvalidTracesException saying what is wrong and where
     */
    public static Traces parse(ByteString request) throws InvalidTracesException {
        if (request.isEmpty()) {
            return EMPTY;
        }
        TracesWire.Counts counts = TracesWire.validate(request);
        return new Traces(request, null, counts.spans(), counts.resourceSpans(), ClientInfo.NONE);
    }

    public static Traces of(List<ResourceSpans> resourceSpans) {
        List<ResourceSpans> copy = List.copyOf(resourceSpans);
        int spans = 0;
        for (ResourceSpans rs : copy) {
            for (ScopeSpans scope : rs.getScopeSpansList()) {
                spans += scope.getSpansCount();
            }
        }
        return new Traces(null, copy, spans, copy.size(), ClientInfo.NONE);
    }

    /** Other spans from the same client, which a processor passes on in place of these. */
    public Traces withResourceSpans(List<ResourceSpans> resourceSpans) {
        return of(resourceSpans).withClient(client);
    }

    /**
     * Wraps request bytes known to be valid without checking them again: bytes a component built
     * itself from validated or protobuf-encoded bytes (a slice, spans re-enveloped by an
     * {@link io.tributary.core.data.wire.EnvelopeWriter}), with their counts. Anything else must
     * go through {@link #parse}: protobuf would fail to decode it later.
     */
    public static Traces trusted(ByteString request, int spanCount, int resourceSpansCount) {
        return new Traces(request, null, spanCount, resourceSpansCount, ClientInfo.NONE);
    }

    public static Traces of(ExportTraceServiceRequest request) {
        return of(request.getResourceSpansList());
    }

    /**
     * Merges batches in order; encoded inputs are concatenated without decoding. The result keeps
     * the client only when every part has that same client.
     */
    public static Traces concat(List<Traces> parts) {
        List<Traces> nonEmpty = new ArrayList<>(parts.size());
        for (Traces part : parts) {
            if (!part.isEmpty()) {
                nonEmpty.add(part);
            }
        }
        if (nonEmpty.size() <= 1) {
            return nonEmpty.isEmpty() ? EMPTY : nonEmpty.get(0);
        }
        int spans = 0;
        int resourceSpans = 0;
        boolean allEncoded = true;
        boolean allDecoded = true;
        ClientInfo common = nonEmpty.get(0).client;
        for (Traces part : nonEmpty) {
            if (part.client != common) {
                common = ClientInfo.NONE;
            }
            spans = Math.addExact(spans, part.spanCount);
            resourceSpans = Math.addExact(resourceSpans, part.resourceSpansCount);
            allEncoded &= part.encoded != null;
            allDecoded &= part.decoded != null;
        }
        // Keep every form all parts already have; when the parts are mixed, bytes win so that the
        // export path never decodes.
        ByteString bytes = null;
        if (allEncoded || !allDecoded) {
            List<ByteString> encodedParts = new ArrayList<>(nonEmpty.size());
            for (Traces part : nonEmpty) {
                encodedParts.add(part.encoded());
            }
            bytes = ByteString.copyFrom(encodedParts); // a balanced rope over the parts, not a copy
        }
        List<ResourceSpans> list = null;
        if (allDecoded) {
            List<ResourceSpans> all = new ArrayList<>(resourceSpans);
            for (Traces part : nonEmpty) {
                all.addAll(part.decoded);
            }
            list = Collections.unmodifiableList(all);
        }
        return new Traces(bytes, list, spans, resourceSpans, common);
    }

    /** Who sent these spans; {@link ClientInfo#NONE} when not known or several clients did. */
    public ClientInfo client() {
        return client;
    }

    /** The same spans, said to come from {@code client}. */
    public Traces withClient(ClientInfo client) {
        return client == this.client ? this : new Traces(encoded, decoded, spanCount, resourceSpansCount, client, decodedBefore);
    }

    /**
     * These spans with resource or span attributes edited on their bytes by {@code editor}; this
     * itself when it changed nothing. The result keeps the counts and the client. When this batch
     * is held decoded, the result's decoded form, built if asked for, keeps the resource entries
     * the edit left alone as the same objects and decodes only the edited ones, so that a later
     * processor reading objects pays only for what changed.
     */
    public Traces editAttributes(AttributeEditor editor) {
        List<ResourceSpans> before = decoded;
        FlatBytes flat = FlatBytes.of(encoded());
        AttributeEditor.Edited edited = editor.edit(Schema.TRACES, flat.array(), flat.from(), flat.to());
        if (edited == null) {
            return this;
        }
        return new Traces(UnsafeByteOperations.unsafeWrap(edited.request()), null, spanCount, resourceSpansCount, client,
                before == null ? null : new DecodedBefore(before, edited.changedEntries()));
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
        List<ResourceSpans> result = decoded;
        if (result == null) {
            synchronized (this) {
                result = decoded;
                if (result == null) {
                    result = decodedBefore == null ? decode(encoded) : decodedBefore.decode(encoded);
                    decoded = result;
                }
            }
        }
        return result;
    }

    /** Decodes bytes that passed {@link TracesWire#validate}, came from protobuf's encoder or are {@link #trusted}, so cannot fail. */
    static List<ResourceSpans> decode(ByteString request) {
        try {
            return ExportTraceServiceRequest.parseFrom(request).getResourceSpansList();
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("traces bytes passed validation but protobuf cannot decode them", e);
        }
    }

    /** The bytes of an equivalent {@code ExportTraceServiceRequest}; encodes (once) when decoded. */
    public ByteString encoded() {
        ByteString result = encoded;
        if (result == null) {
            synchronized (this) {
                result = encoded;
                if (result == null) {
                    result = ExportTraceServiceRequest.newBuilder().addAllResourceSpans(decoded).build().toByteString();
                    encoded = result;
                }
            }
        }
        return result;
    }

    /**
     * The same spans holding only their encoded bytes, the smallest form to buffer or queue: a
     * decoded object graph is several times the size of its encoding. Returns this when it holds
     * nothing decoded.
     */
    public Traces compact() {
        return decoded == null && decodedBefore == null ? this : new Traces(encoded(), null, spanCount, resourceSpansCount, client);
    }

    public ExportTraceServiceRequest toRequest() {
        return ExportTraceServiceRequest.newBuilder().addAllResourceSpans(resourceSpans()).build();
    }

    /**
     * Splits into consecutive parts of at most {@code maxSpans} spans each, keeping order; splits
     * whole resource-spans entries on their bytes and decodes only an entry that must be cut.
     */
    public List<Traces> split(int maxSpans) {
        if (maxSpans <= 0 || spanCount <= maxSpans) {
            return List.of(this);
        }
        // Decoded batches are split on their encoding too: one code path, and the parts are
        // encoded for export anyway.
        List<Traces> parts = new TracesSplitter(encoded(), maxSpans).split();
        if (client == ClientInfo.NONE) {
            return parts;
        }
        List<Traces> fromClient = new ArrayList<>(parts.size());
        for (Traces part : parts) {
            fromClient.add(part.withClient(client));
        }
        return fromClient;
    }

    /**
     * Cuts into one part per key that {@code router} names, keeping order within each part. A
     * resource entry going whole to one part is taken as a byte slice; one whose spans go to
     * several parts is re-enveloped per part, each piece keeping its resource and scope, and a
     * resource entry without spans is dropped when it is routed span by span. Parts come in the
     * order their first span was routed; they hold no client.
     */
    public <K> Map<K, Traces> route(SpanRouter<K> router) {
        return TracesSplitter.route(encoded(), router);
    }

    @Override
    public String toString() {
        return "Traces{spans=" + spanCount + ", resourceSpans=" + resourceSpansCount
                + (encoded != null ? ", bytes=" + encoded.size() : "") + "}";
    }
}
