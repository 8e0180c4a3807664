package io.tributary.core.data;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts encoded traces into parts of exactly {@code maxSpans} spans (the last may hold fewer), as
 * otelcol's batch splitting does. Whole {@code resource_spans} entries are taken as byte slices;
 * only an entry that overflows the current part is decoded and cut between spans, each piece
 * keeping its resource and scope.
 */
final class TracesSplitter {
    private final ByteString bytes;
    private final int maxSpans;
    private final List<Traces> parts = new ArrayList<>();
    /** The pieces of the part being filled. */
    private List<Traces> pieces = new ArrayList<>();
    private int room;
    /** Consecutive whole entries not yet added to {@link #pieces}, kept as one byte range. */
    private int rangeStart = -1;
    private int rangeEnd;
    private int rangeSpans;
    private int rangeEntries;

    TracesSplitter(ByteString bytes, int maxSpans) {
        this.bytes = bytes;
        this.maxSpans = maxSpans;
        this.room = maxSpans;
    }

    /** One {@code resource_spans} entry: bytes [start, end) of the request, tag included, so a slice is a request itself. */
    private record Entry(int start, int end, int spans) {
    }

    List<Traces> split() {
        for (Entry entry : entries()) {
            if (room == 0 && entry.spans() > 0) {
                finishPart();
            }
            if (entry.spans() <= room) {
                addWhole(entry);
            } else {
                cut(Traces.decode(bytes.substring(entry.start(), entry.end())).get(0));
            }
        }
        if (rangeStart >= 0 || !pieces.isEmpty()) {
            finishPart();
        }
        return List.copyOf(parts);
    }

    /** The entries, their spans counted without looking inside them. */
    private List<Entry> entries() {
        FlatBytes flat = FlatBytes.of(bytes);
        EntryCollector collector = new EntryCollector(flat.from());
        EnvelopeWalker.walk(Schema.TRACES, flat.array(), flat.from(), flat.to(), collector);
        collector.finishEntry();
        return collector.entries;
    }

    /** Offsets relative to the request, since its bytes may sit inside a larger array. */
    private static final class EntryCollector implements EnvelopeWalker.Visitor {
        final List<Entry> entries = new ArrayList<>();
        private final int base;
        private int start = -1;
        private int end;
        private int spans;

        EntryCollector(int base) {
            this.base = base;
        }

        @Override
        public void resource(int entryStart, int from, int to) {
            finishEntry();
            start = entryStart - base;
            end = to - base;
        }

        @Override
        public void item(int from, int to) {
            spans++;
        }

        void finishEntry() {
            if (start >= 0) {
                entries.add(new Entry(start, end, spans));
                start = -1;
                spans = 0;
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
        rangeSpans += entry.spans();
        rangeEntries++;
        room -= entry.spans();
    }

    private void cut(ResourceSpans resourceSpans) {
        flushRange();
        ResourceSpans shell = resourceSpans.toBuilder().clearScopeSpans().build();
        ResourceSpans.Builder piece = shell.toBuilder();
        for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
            List<Span> spans = scope.getSpansList();
            if (spans.isEmpty()) {
                piece.addScopeSpans(scope);
                continue;
            }
            ScopeSpans scopeShell = scope.toBuilder().clearSpans().build();
            for (int i = 0; i < spans.size(); ) {
                if (room == 0) {
                    addPiece(piece);
                    piece = shell.toBuilder();
                    finishPart();
                }
                int n = Math.min(room, spans.size() - i);
                piece.addScopeSpans(scopeShell.toBuilder().addAllSpans(spans.subList(i, i + n)));
                room -= n;
                i += n;
            }
        }
        addPiece(piece);
    }

    private void addPiece(ResourceSpans.Builder piece) {
        if (piece.getScopeSpansCount() > 0) {
            pieces.add(Traces.of(List.of(piece.build())));
        }
    }

    private void flushRange() {
        if (rangeStart >= 0) {
            pieces.add(Traces.trusted(bytes.substring(rangeStart, rangeEnd), rangeSpans, rangeEntries));
            rangeStart = -1;
            rangeSpans = 0;
            rangeEntries = 0;
        }
    }

    private void finishPart() {
        flushRange();
        parts.add(Traces.concat(pieces));
        pieces = new ArrayList<>();
        room = maxSpans;
    }
}
