package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.UnsafeByteOperations;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.wire.AttributeEditor;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;

/**
 * An immutable batch of one OTLP signal's resource entries, passed between components:
 * {@link Traces} ({@code ResourceSpans}), {@link Metrics} ({@code ResourceMetrics}) or
 * {@link Logs} ({@code ResourceLogs}). The three differ only in their messages, so this one
 * class holds everything they do; each flavour adds its names and its static constructors.
 *
 * <p>It hides its representation: data from the network stays as the encoded bytes of an export
 * request (validated and item-counted by a walk that builds no objects) and is decoded only when
 * a processor asks for {@link #resourceEntries()}. Because every export request is only
 * {@code repeated <resource entry> = 1}, encoded batches merge by concatenating bytes
 * ({@link Traces#concat} and its twins), so receive → batch → export never builds a protobuf
 * object graph.
 *
 * <p>A batch also says which client sent it ({@link #client()}), as otelcol's request context
 * does: set by the receiver, kept by processors that pass on other data in its place or edit it
 * ({@link #editAttributes}), by splitting and by exporter queues, and dropped where batches of
 * different clients merge.
 *
 * @param <D> the flavour itself, which every method that returns a batch returns
 * @param <E> its resource entry message
 */
public abstract sealed class SignalData<D extends SignalData<D, E>, E extends Message> permits Traces, Metrics, Logs {
    private final int itemCount;
    private final int resourceEntryCount;
    private final ClientInfo client;
    private volatile ByteString encoded;
    private volatile List<E> decoded;
    /** For bytes edited from a decoded batch ({@link #editAttributes}): what decoding them reuses; else null. */
    private final DecodedBefore<E> decodedBefore;

    SignalData(ByteString encoded, List<E> decoded, int itemCount, int resourceEntryCount, ClientInfo client,
            DecodedBefore<E> decodedBefore) {
        this.encoded = encoded;
        this.decoded = decoded;
        this.itemCount = itemCount;
        this.resourceEntryCount = resourceEntryCount;
        this.client = client;
        this.decodedBefore = decodedBefore;
    }

    /** What the flavour is made of: its schema, messages and constructor. */
    abstract DataCodec<D, E> codec();

    /**
     * The resource entries of a decoded batch that an edit of its bytes made, and which of them
     * the edit changed: decoding the edited bytes takes the others as they are.
     */
    record DecodedBefore<E extends Message>(List<E> entries, BitSet changed) {
        List<E> decode(DataCodec<?, E> codec, ByteString request) {
            FlatBytes flat = FlatBytes.of(request);
            List<E> result = new ArrayList<>(entries.size());
            EnvelopeWalker.walkResources(codec.schema, flat.array(), flat.from(), flat.to(), (entryStart, from, to) -> {
                int index = result.size();
                result.add(changed.get(index) ? decodeEntry(codec, flat.array(), from, to) : entries.get(index));
            });
            return Collections.unmodifiableList(result);
        }

        private static <E extends Message> E decodeEntry(DataCodec<?, E> codec, byte[] buf, int from, int to) {
            try {
                return codec.entryParser.parseFrom(buf, from, to - from);
            } catch (InvalidProtocolBufferException e) {
                throw new IllegalStateException("an edited resource entry does not decode", e);
            }
        }
    }

    /** Who sent this data; {@link ClientInfo#NONE} when not known or several clients did. */
    public final ClientInfo client() {
        return client;
    }

    /** The same data, said to come from {@code client}. */
    public final D withClient(ClientInfo client) {
        return client == this.client ? self()
                : codec().make(encoded, decoded, itemCount, resourceEntryCount, client, decodedBefore);
    }

    /** Other data from the same client, which a processor passes on in place of this. */
    public final D withResourceEntries(List<E> resourceEntries) {
        return codec().of(resourceEntries).withClient(client);
    }

    /**
     * This data with resource or item attributes edited on its bytes by {@code editor}; this
     * itself when it changed nothing. The result keeps the counts and the client. When this batch
     * is held decoded, the result's decoded form, built if asked for, keeps the resource entries
     * the edit left alone as the same objects and decodes only the edited ones, so that a later
     * processor reading objects pays only for what changed.
     */
    public final D editAttributes(AttributeEditor editor) {
        List<E> before = decoded;
        FlatBytes flat = FlatBytes.of(encoded());
        AttributeEditor.Edited edited = editor.edit(codec().schema, flat.array(), flat.from(), flat.to());
        if (edited == null) {
            return self();
        }
        return codec().make(UnsafeByteOperations.unsafeWrap(edited.request()), null, itemCount, resourceEntryCount, client,
                before == null ? null : new DecodedBefore<>(before, edited.changedEntries()));
    }

    /**
     * The signal's items, known without a walk: spans, metric data points (of every metric type,
     * as otelcol's {@code DataPointCount}) or log records.
     */
    public final int itemCount() {
        return itemCount;
    }

    public final int resourceEntryCount() {
        return resourceEntryCount;
    }

    public final boolean isEmpty() {
        return itemCount == 0 && resourceEntryCount == 0;
    }

    /** The decoded form; decodes (once) when this holds bytes. */
    public final List<E> resourceEntries() {
        List<E> result = decoded;
        if (result == null) {
            synchronized (this) {
                result = decoded;
                if (result == null) {
                    result = decodedBefore == null ? codec().decode(encoded) : decodedBefore.decode(codec(), encoded);
                    decoded = result;
                }
            }
        }
        return result;
    }

    /** The bytes of an equivalent export request; encodes (once) when decoded. */
    public final ByteString encoded() {
        ByteString result = encoded;
        if (result == null) {
            synchronized (this) {
                result = encoded;
                if (result == null) {
                    result = codec().encode(decoded);
                    encoded = result;
                }
            }
        }
        return result;
    }

    final boolean isEncoded() {
        return encoded != null;
    }

    final boolean isDecoded() {
        return decoded != null;
    }

    /**
     * The same data holding only its encoded bytes, the smallest form to buffer or queue: a
     * decoded object graph is several times the size of its encoding. Returns this when it holds
     * nothing decoded.
     */
    public final D compact() {
        return decoded == null && decodedBefore == null ? self()
                : codec().make(encoded(), null, itemCount, resourceEntryCount, client, null);
    }

    /**
     * Splits into consecutive parts of at most {@code maxItems} items each, keeping order; splits
     * whole resource entries on their bytes and decodes only an entry that must be cut (a metric
     * is cut between its data points).
     */
    public final List<D> split(int maxItems) {
        if (maxItems <= 0 || itemCount <= maxItems) {
            return List.of(self());
        }
        // Decoded batches are split on their encoding too: one code path, and the parts are
        // encoded for export anyway.
        List<D> parts = new Splitter<>(codec(), encoded(), maxItems).split();
        if (client == ClientInfo.NONE) {
            return parts;
        }
        List<D> fromClient = new ArrayList<>(parts.size());
        for (D part : parts) {
            fromClient.add(part.withClient(client));
        }
        return fromClient;
    }

    @SuppressWarnings("unchecked")
    private D self() {
        return (D) this;
    }

    @Override
    public final String toString() {
        DataCodec<D, E> codec = codec();
        return getClass().getSimpleName() + "{" + codec.schema.itemsName + "=" + itemCount + ", "
                + codec.schema.resourceEntriesName + "=" + resourceEntryCount
                + (encoded != null ? ", bytes=" + encoded.size() : "") + "}";
    }
}
