package io.tributary.processor.probabilisticsampler;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.EnvelopeWriter;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import java.util.Arrays;

/**
 * Samples an encoded export request of any signal without decoding it: an {@link ItemDecider}
 * decides each item (span, log record) from its bytes. When every item is kept as it came (and no
 * scope or resource is empty) the request passes on untouched; otherwise the kept items' bytes,
 * or the rewritten bytes the decider gave for them, are written into new envelopes.
 *
 * @param <D> the signal's data
 */
final class WireSampler<D extends SignalData<D, ?>> {
    /** Decides one item: [start, end) of {@code buf}. */
    @FunctionalInterface
    interface ItemDecider {
        /** @return null to drop the item, {@code buf} to keep it as it is, or the item's new bytes */
        byte[] decide(byte[] buf, int start, int end);
    }

    /** {@code Traces::trusted} and its twins: wraps bytes built from valid ones, with their counts. */
    @FunctionalInterface
    interface Trusted<D> {
        D wrap(ByteString request, int items, int resourceEntries);
    }

    private final Schema schema;
    private final Trusted<D> trusted;

    WireSampler(Schema schema, Trusted<D> trusted) {
        this.schema = schema;
        this.trusted = trusted;
    }

    /**
     * The data with only its kept items: {@code data} itself when every item is kept as it came,
     * null when none is. otelcol drops a scope or resource that has no items, even one that
     * arrived empty.
     */
    D sample(D data, ItemDecider decider) {
        FlatBytes flat = FlatBytes.of(data.encoded());
        Pass pass = new Pass(flat.array(), data.itemCount(), decider);
        EnvelopeWalker.walk(schema, flat.array(), flat.from(), flat.to(), pass);
        if (pass.keepsAll()) {
            return data;
        }
        if (pass.kept == 0) {
            return null;
        }
        EnvelopeWriter out = new EnvelopeWriter(schema);
        pass.writeTo(out);
        return trusted.wrap(UnsafeByteOperations.unsafeWrap(out.toByteArray()), out.items(), out.resourceEntries())
                .withClient(data.client());
    }

    /**
     * One walk: decides each item and notes where the kept ones and their envelopes are, so that
     * envelopes are read again only when the request must be rewritten.
     */
    private final class Pass implements EnvelopeWalker.Visitor {
        private final byte[] buf;
        private final ItemDecider decider;
        int items;
        int kept;
        /** Whether no kept item was rewritten. */
        boolean unchanged = true;
        /** Per kept item: its bytes (the request's buffer or a rewritten copy), range and scope entry. */
        private final byte[][] arrays;
        private final int[] from;
        private final int[] to;
        private final int[] scopeOf;
        /** Per resource entry and per scope entry: its message range and how many items it holds. */
        private final Entries resources = new Entries();
        private final Entries scopes = new Entries();
        private int[] resourceOfScope = new int[4];

        Pass(byte[] buf, int capacity, ItemDecider decider) {
            this.buf = buf;
            this.decider = decider;
            arrays = new byte[capacity][];
            from = new int[capacity];
            to = new int[capacity];
            scopeOf = new int[capacity];
        }

        @Override
        public void resource(int entryStart, int start, int end) {
            resources.add(start, end);
        }

        @Override
        public void scope(int start, int end) {
            if (scopes.count == resourceOfScope.length) {
                resourceOfScope = Arrays.copyOf(resourceOfScope, scopes.count * 2);
            }
            resourceOfScope[scopes.count] = resources.count - 1;
            scopes.add(start, end);
        }

        @Override
        public void item(int start, int end) {
            items++;
            resources.items[resources.count - 1]++;
            scopes.items[scopes.count - 1]++;
            byte[] item = decider.decide(buf, start, end);
            if (item == null) {
                return;
            }
            int i = kept++;
            scopeOf[i] = scopes.count - 1;
            if (item == buf) {
                arrays[i] = buf;
                from[i] = start;
                to[i] = end;
            } else {
                unchanged = false;
                arrays[i] = item;
                to[i] = item.length;
            }
        }

        /** Whether the request would come out as it came: every item kept as it was, no envelope empty. */
        boolean keepsAll() {
            return unchanged && kept == items && resources.allHoldItems() && scopes.allHoldItems();
        }

        void writeTo(EnvelopeWriter out) {
            byte[][] resourceHeads = new byte[resources.count][];
            byte[][] scopeHeads = new byte[scopes.count][];
            for (int i = 0; i < kept; i++) {
                int scope = scopeOf[i];
                if (scopeHeads[scope] == null) {
                    scopeHeads[scope] = EnvelopeWalker.head(buf, scopes.starts[scope], scopes.ends[scope], schema.itemTag);
                }
                int resource = resourceOfScope[scope];
                if (resourceHeads[resource] == null) {
                    resourceHeads[resource] = EnvelopeWalker.head(buf, resources.starts[resource], resources.ends[resource],
                            schema.scopeEntryTag);
                }
                out.add(resourceHeads[resource], scopeHeads[scope], arrays[i], from[i], to[i] - from[i]);
            }
        }
    }

    /** Message ranges of the envelope entries met so far, with their items. */
    private static final class Entries {
        int count;
        int[] starts = new int[4];
        int[] ends = new int[4];
        int[] items = new int[4];

        void add(int start, int end) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                ends = Arrays.copyOf(ends, count * 2);
                items = Arrays.copyOf(items, count * 2);
            }
            starts[count] = start;
            ends[count] = end;
            count++;
        }

        boolean allHoldItems() {
            for (int i = 0; i < count; i++) {
                if (items[i] == 0) {
                    return false;
                }
            }
            return true;
        }
    }
}
