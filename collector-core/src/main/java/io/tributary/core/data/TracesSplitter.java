package io.tributary.core.data;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
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

    List<Traces> split() {
        for (TracesWire.Entry entry : TracesWire.entries(bytes)) {
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

    private void addWhole(TracesWire.Entry entry) {
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
            pieces.add(Traces.ofValidated(bytes.substring(rangeStart, rangeEnd), rangeSpans, rangeEntries));
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
