package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.EnvelopeWriter;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts encoded traces into one part per key of a {@link SpanRouter}: a resource entry going whole
 * to one part is a byte slice, one whose spans go to several parts is re-enveloped per part from
 * its spans' bytes, each piece keeping its resource and scope.
 */
final class TracesRouting {
    private TracesRouting() {
    }

    static <K> Map<K, Traces> route(ByteString bytes, SpanRouter<K> router) {
        FlatBytes flat = FlatBytes.of(bytes);
        Routing<K> routing = new Routing<>(bytes, flat, router);
        EnvelopeWalker.walk(Schema.TRACES, flat.array(), flat.from(), flat.to(), routing);
        routing.finishEntry();
        Map<K, Traces> parts = new LinkedHashMap<>();
        routing.parts.forEach((key, part) -> parts.put(key,
                Traces.trusted(ByteString.copyFrom(part.pieces), part.spans, part.entries)));
        return parts;
    }

    /** The pieces of one part of {@link #route}. */
    private static final class RoutedPart {
        final List<ByteString> pieces = new ArrayList<>();
        int spans;
        int entries;

        void add(ByteString piece, int spanCount) {
            pieces.add(piece);
            spans += spanCount;
            entries++;
        }
    }

    /** Routes each entry when the walk has seen all of its spans. */
    private static final class Routing<K> implements EnvelopeWalker.Visitor {
        final Map<K, RoutedPart> parts = new LinkedHashMap<>();
        private final ByteString bytes;
        private final byte[] buf;
        private final int base;
        private final SpanRouter<K> router;
        /** The entry being walked: its range, and its part when it goes whole (else null). */
        private int entryStart = -1;
        private int from;
        private int to;
        private K whole;
        private int spans;
        /** When routed span by span: each span's part, range and scope entry. */
        private final List<K> spanParts = new ArrayList<>();
        private int[] spanFrom = new int[16];
        private int[] spanTo = new int[16];
        private int[] spanScope = new int[16];
        private final List<int[]> scopes = new ArrayList<>();

        Routing(ByteString bytes, FlatBytes flat, SpanRouter<K> router) {
            this.bytes = bytes;
            this.buf = flat.array();
            this.base = flat.from();
            this.router = router;
        }

        @Override
        public void resource(int entryStart, int from, int to) {
            finishEntry();
            this.entryStart = entryStart;
            this.from = from;
            this.to = to;
            whole = router.resource(buf, from, to);
        }

        @Override
        public void scope(int start, int end) {
            if (whole == null) {
                scopes.add(new int[] {start, end});
                router.scope(buf, start, end);
            }
        }

        @Override
        public void item(int start, int end) {
            int i = spans++;
            if (whole != null) {
                return;
            }
            if (i == spanFrom.length) {
                spanFrom = Arrays.copyOf(spanFrom, i * 2);
                spanTo = Arrays.copyOf(spanTo, i * 2);
                spanScope = Arrays.copyOf(spanScope, i * 2);
            }
            spanParts.add(router.span(buf, start, end));
            spanFrom[i] = start;
            spanTo[i] = end;
            spanScope[i] = scopes.size() - 1;
        }

        void finishEntry() {
            if (entryStart < 0) {
                return;
            }
            K only = whole != null ? whole : onlyPart();
            if (only != null) {
                part(only).add(bytes.substring(entryStart - base, to - base), spans);
            } else if (spans > 0) {
                cut();
            }
            entryStart = -1;
            spans = 0;
            spanParts.clear();
            scopes.clear();
        }

        /** The part every span of the entry goes to, or null when they go to several or there are none. */
        private K onlyPart() {
            K first = spanParts.isEmpty() ? null : spanParts.get(0);
            for (K key : spanParts) {
                if (!key.equals(first)) {
                    return null;
                }
            }
            return first;
        }

        private void cut() {
            byte[] resourceHead = EnvelopeWalker.head(buf, from, to, Schema.TRACES.scopeEntryTag);
            byte[][] scopeHeads = new byte[scopes.size()][];
            Map<K, EnvelopeWriter> writers = new LinkedHashMap<>();
            for (int i = 0; i < spans; i++) {
                int scope = spanScope[i];
                if (scopeHeads[scope] == null) {
                    int[] range = scopes.get(scope);
                    scopeHeads[scope] = EnvelopeWalker.head(buf, range[0], range[1], Schema.TRACES.itemTag);
                }
                writers.computeIfAbsent(spanParts.get(i), k -> new EnvelopeWriter(Schema.TRACES))
                        .add(resourceHead, scopeHeads[scope], buf, spanFrom[i], spanTo[i] - spanFrom[i]);
            }
            writers.forEach((key, writer) ->
                    part(key).add(UnsafeByteOperations.unsafeWrap(writer.toByteArray()), writer.items()));
        }

        private RoutedPart part(K key) {
            return parts.computeIfAbsent(key, k -> new RoutedPart());
        }
    }
}
