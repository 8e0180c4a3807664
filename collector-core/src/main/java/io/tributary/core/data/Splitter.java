package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts an encoded batch of any signal into parts of exactly {@code maxItems} items (the last may
 * hold fewer), as otelcol's batch splitting does. Whole resource entries are taken as byte
 * slices; only an entry that overflows the current part is decoded and cut between items (a
 * metric between its data points), each piece keeping its resource and scope. The cut reads the
 * decoded entry through protobuf's reflection, so one cut serves every signal: it runs once per
 * part boundary, not per item.
 */
final class Splitter<D extends SignalData<D, E>, E extends Message> {
    private final DataCodec<D, E> codec;
    private final ByteString bytes;
    private final int maxItems;
    private final List<D> parts = new ArrayList<>();
    /** The pieces of the part being filled. */
    private List<D> pieces = new ArrayList<>();
    private int room;
    /** Consecutive whole entries not yet added to {@link #pieces}, kept as one byte range. */
    private int rangeStart = -1;
    private int rangeEnd;
    private int rangeItems;
    private int rangeEntries;

    Splitter(DataCodec<D, E> codec, ByteString bytes, int maxItems) {
        this.codec = codec;
        this.bytes = bytes;
        this.maxItems = maxItems;
        this.room = maxItems;
    }

    /** One resource entry: bytes [start, end) of the request, tag included, so a slice is a request itself. */
    private record Entry(int start, int end, int items) {
    }

    List<D> split() {
        for (Entry entry : entries()) {
            if (room == 0 && entry.items() > 0) {
                finishPart();
            }
            if (entry.items() <= room) {
                addWhole(entry);
            } else {
                cut(codec.decode(bytes.substring(entry.start(), entry.end())).get(0));
            }
        }
        if (rangeStart >= 0 || !pieces.isEmpty()) {
            finishPart();
        }
        return List.copyOf(parts);
    }

    /** The entries, their items counted without decoding them. */
    private List<Entry> entries() {
        FlatBytes flat = FlatBytes.of(bytes);
        EntryCollector collector = new EntryCollector(flat, codec.encodedWeight);
        EnvelopeWalker.walk(codec.schema, flat.array(), flat.from(), flat.to(), collector);
        collector.finishEntry();
        return collector.entries;
    }

    /** Offsets relative to the request, since its bytes may sit inside a larger array. */
    private static final class EntryCollector implements EnvelopeWalker.Visitor {
        final List<Entry> entries = new ArrayList<>();
        private final byte[] buf;
        private final int base;
        private final DataCodec.EncodedWeight weight;
        private int start = -1;
        private int end;
        private int items;

        EntryCollector(FlatBytes flat, DataCodec.EncodedWeight weight) {
            this.buf = flat.array();
            this.base = flat.from();
            this.weight = weight;
        }

        @Override
        public void resource(int entryStart, int from, int to) {
            finishEntry();
            start = entryStart - base;
            end = to - base;
        }

        @Override
        public void item(int from, int to) {
            items += weight.of(buf, from, to);
        }

        void finishEntry() {
            if (start >= 0) {
                entries.add(new Entry(start, end, items));
                start = -1;
                items = 0;
            }
        }
    }

    private void addWhole(Entry entry) {
        if (rangeStart >= 0 && rangeEnd != entry.start()) {
            flushRange();
        }
        if (rangeStart < 0) {
            rangeStart = entry.start();
        }
        rangeEnd = entry.end();
        rangeItems += entry.items();
        rangeEntries++;
        room -= entry.items();
    }

    private void cut(E entry) {
        flushRange();
        FieldDescriptor scopesField = field(entry, codec.schema.scopeEntries);
        Message shell = entry.toBuilder().clearField(scopesField).build();
        Message.Builder piece = shell.toBuilder();
        for (Object scopeObject : (List<?>) entry.getField(scopesField)) {
            Message scope = (Message) scopeObject;
            FieldDescriptor itemsField = field(scope, codec.schema.items);
            List<?> items = (List<?>) scope.getField(itemsField);
            if (items.isEmpty()) {
                piece.addRepeatedField(scopesField, scope);
                continue;
            }
            Message scopeShell = scope.toBuilder().clearField(itemsField).build();
            Message.Builder scopePiece = null;
            for (Object itemObject : items) {
                Message item = (Message) itemObject;
                int weight = codec.itemWeight.applyAsInt(item);
                int done = 0;
                do {
                    if (room == 0 && weight > done) {
                        addScope(piece, scopesField, scopePiece);
                        addPiece(piece);
                        piece = shell.toBuilder();
                        scopePiece = null;
                        finishPart();
                    }
                    int n = Math.min(room, weight - done);
                    if (scopePiece == null) {
                        scopePiece = scopeShell.toBuilder();
                    }
                    scopePiece.addRepeatedField(itemsField, done == 0 && n == weight ? item : codec.slicer.slice(item, done, done + n));
                    done += n;
                    room -= n;
                } while (done < weight);
            }
            addScope(piece, scopesField, scopePiece);
        }
        addPiece(piece);
    }

    private static FieldDescriptor field(Message message, int number) {
        return message.getDescriptorForType().findFieldByNumber(number);
    }

    private static void addScope(Message.Builder piece, FieldDescriptor scopesField, Message.Builder scopePiece) {
        if (scopePiece != null) {
            piece.addRepeatedField(scopesField, scopePiece.build());
        }
    }

    @SuppressWarnings("unchecked")
    private void addPiece(Message.Builder piece) {
        if (piece.getRepeatedFieldCount(field(piece.getDefaultInstanceForType(), codec.schema.scopeEntries)) > 0) {
            pieces.add(codec.of(List.of((E) piece.build())));
        }
    }

    private void flushRange() {
        if (rangeStart >= 0) {
            pieces.add(codec.trusted(bytes.substring(rangeStart, rangeEnd), rangeItems, rangeEntries));
            rangeStart = -1;
            rangeItems = 0;
            rangeEntries = 0;
        }
    }

    private void finishPart() {
        flushRange();
        parts.add(codec.concat(pieces));
        pieces = new ArrayList<>();
        room = maxItems;
    }
}
