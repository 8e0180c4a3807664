package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.Parser;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.wire.Schema;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToIntFunction;

/**
 * What one flavour of {@link SignalData} is made of, and the operations that make batches of it:
 * one instance per signal, in {@link Traces}, {@link Metrics} and {@link Logs}.
 */
final class DataCodec<D extends SignalData<D, E>, E extends Message> {
    /** The flavour's constructor. */
    @FunctionalInterface
    interface Maker<D, E extends Message> {
        D make(ByteString encoded, List<E> decoded, int items, int resourceEntries, ClientInfo client,
                SignalData.DecodedBefore<E> decodedBefore);
    }

    /** The resource entries of an encoded export request. */
    @FunctionalInterface
    interface RequestDecoder<E> {
        List<E> decode(ByteString request) throws InvalidProtocolBufferException;
    }

    /** How many of the signal's items an item message in [from, to) of {@code buf} stands for. */
    @FunctionalInterface
    interface EncodedWeight {
        int of(byte[] buf, int from, int to);
    }

    /** The part [from, to) of an item message's own items: a metric with only some of its data points. */
    @FunctionalInterface
    interface Slicer {
        Message slice(Message item, int from, int to);
    }

    final Schema schema;
    final Parser<E> entryParser;
    final D empty;
    private final Maker<D, E> maker;
    private final RequestDecoder<E> requestDecoder;
    private final Function<List<E>, ByteString> requestEncoder;
    /** The items of a decoded resource entry. */
    private final ToIntFunction<E> entryItems;
    final EncodedWeight encodedWeight;
    /** The items a decoded item message stands for: 1, except a metric's data points. */
    final ToIntFunction<Message> itemWeight;
    final Slicer slicer;

    DataCodec(Schema schema, Parser<E> entryParser, Maker<D, E> maker, RequestDecoder<E> requestDecoder,
            Function<List<E>, ByteString> requestEncoder, ToIntFunction<E> entryItems, EncodedWeight encodedWeight,
            ToIntFunction<Message> itemWeight, Slicer slicer) {
        this.schema = schema;
        this.entryParser = entryParser;
        this.maker = maker;
        this.requestDecoder = requestDecoder;
        this.requestEncoder = requestEncoder;
        this.entryItems = entryItems;
        this.encodedWeight = encodedWeight;
        this.itemWeight = itemWeight;
        this.slicer = slicer;
        this.empty = maker.make(ByteString.EMPTY, null, 0, 0, ClientInfo.NONE, null);
    }

    /** For signals whose item is one item (a span, a log record): nothing to weigh or slice. */
    static final EncodedWeight ONE_ENCODED = (buf, from, to) -> 1;
    static final ToIntFunction<Message> ONE = item -> 1;
    static final Slicer UNCUT = (item, from, to) -> {
        throw new IllegalStateException("an item of one is never cut");
    };

    D make(ByteString encoded, List<E> decoded, int items, int resourceEntries, ClientInfo client,
            SignalData.DecodedBefore<E> decodedBefore) {
        return maker.make(encoded, decoded, items, resourceEntries, client, decodedBefore);
    }

    D parse(ByteString request) throws InvalidOtlpException {
        if (request.isEmpty()) {
            return empty;
        }
        OtlpWire.Counts counts = OtlpWire.validate(schema, request);
        return make(request, null, counts.items(), counts.resourceEntries(), ClientInfo.NONE, null);
    }

    D trusted(ByteString request, int items, int resourceEntries) {
        return make(request, null, items, resourceEntries, ClientInfo.NONE, null);
    }

    D of(List<E> resourceEntries) {
        List<E> copy = List.copyOf(resourceEntries);
        int items = 0;
        for (E entry : copy) {
            items += entryItems.applyAsInt(entry);
        }
        return make(null, copy, items, copy.size(), ClientInfo.NONE, null);
    }

    /** Decodes bytes that passed validation, came from protobuf's encoder or are trusted, so cannot fail. */
    List<E> decode(ByteString request) {
        try {
            return requestDecoder.decode(request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException(schema + " bytes passed validation but protobuf cannot decode them", e);
        }
    }

    ByteString encode(List<E> resourceEntries) {
        return requestEncoder.apply(resourceEntries);
    }

    /**
     * Merges batches in order; encoded inputs are concatenated without decoding. The result keeps
     * the client only when every part has that same client.
     */
    D concat(List<D> parts) {
        List<D> nonEmpty = new ArrayList<>(parts.size());
        for (D part : parts) {
            if (!part.isEmpty()) {
                nonEmpty.add(part);
            }
        }
        if (nonEmpty.size() <= 1) {
            return nonEmpty.isEmpty() ? empty : nonEmpty.get(0);
        }
        int items = 0;
        int entries = 0;
        boolean allEncoded = true;
        boolean allDecoded = true;
        ClientInfo common = nonEmpty.get(0).client();
        for (D part : nonEmpty) {
            if (part.client() != common) {
                common = ClientInfo.NONE;
            }
            items = Math.addExact(items, part.itemCount());
            entries = Math.addExact(entries, part.resourceEntryCount());
            allEncoded &= part.isEncoded();
            allDecoded &= part.isDecoded();
        }
        // Keep every form all parts already have; when the parts are mixed, bytes win so that the
        // export path never decodes.
        ByteString bytes = null;
        if (allEncoded || !allDecoded) {
            List<ByteString> encodedParts = new ArrayList<>(nonEmpty.size());
            for (D part : nonEmpty) {
                encodedParts.add(part.encoded());
            }
            bytes = ByteString.copyFrom(encodedParts); // a balanced rope over the parts, not a copy
        }
        List<E> list = null;
        if (allDecoded) {
            List<E> all = new ArrayList<>(entries);
            for (D part : nonEmpty) {
                all.addAll(part.resourceEntries());
            }
            list = Collections.unmodifiableList(all);
        }
        return make(bytes, list, items, entries, common, null);
    }
}
