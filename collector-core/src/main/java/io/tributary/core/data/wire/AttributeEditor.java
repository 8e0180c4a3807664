package io.tributary.core.data.wire;

import com.google.protobuf.CodedOutputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collections;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Edits attributes of an encoded export request where they lie: those of each resource, or those
 * of each item along the signal's {@link Schema#itemAttributes} (a span's, a log record's, each
 * data point's of a metric). The edit function is given one attribute list at a time, decoded,
 * and returns that list itself to leave it, or a new list. Nothing else is decoded: a changed
 * list is encoded where the first of its fields was (or, when there was none, where protobuf
 * would put it: before the first field of a higher number), its other fields are removed, every
 * other byte is copied as it is, unknown fields and field order included, and the length
 * prefixes of the messages around it (item, scope entry, resource entry, and those between an
 * item and its data points) are rewritten.
 *
 * <p>A pass walks the request and records splices (a range of the input and what replaces it) in
 * input order; a message's new length is known when its walk ends, so its prefix is spliced in
 * then. Only when something changed is the output written, in one array of its final size, each
 * byte once.
 */
public final class AttributeEditor {
    /** Chooses the items whose attributes are edited; told each resource and scope entry before their items. */
    public interface ItemSelector {
        /** A resource entry ({@code ResourceSpans} for traces) whose message is [from, to) of {@code buf}. */
        default void resource(byte[] buf, int from, int to) {
        }

        /** A scope entry of the last resource entry, whose message is [from, to). */
        default void scope(byte[] buf, int from, int to) {
        }

        /** Whether to edit the item (of the last scope entry) whose message is [from, to). */
        boolean selects(byte[] buf, int from, int to);
    }

    /** An edited request, and the indexes of its resource entries that the edit changed. */
    public record Edited(byte[] request, BitSet changedEntries) {
    }

    private static final ItemSelector EVERY_ITEM = (buf, from, to) -> true;

    /** Null when editing resources, else the items selected (every item when it is {@link #EVERY_ITEM}). */
    private final ItemSelector items;
    private final UnaryOperator<List<KeyValue>> editFunction;

    private AttributeEditor(ItemSelector items, UnaryOperator<List<KeyValue>> editFunction) {
        this.items = items;
        this.editFunction = editFunction;
    }

    /** Edits each resource's attributes; a resource entry without a resource is given an empty list. */
    public static AttributeEditor resources(UnaryOperator<List<KeyValue>> edit) {
        return new AttributeEditor(null, edit);
    }

    /**
     * Edits the attributes of the items {@code selector} selects, of every item when it is null;
     * for metrics, those of each data point of a selected metric.
     */
    public static AttributeEditor items(ItemSelector selector, UnaryOperator<List<KeyValue>> edit) {
        return new AttributeEditor(selector == null ? EVERY_ITEM : selector, edit);
    }

    /** The request in [from, to) of {@code buf} with the attributes edited, or null when the edit changed nothing. */
    public Edited edit(Schema schema, byte[] buf, int from, int to) {
        Pass pass = new Pass(buf, schema.itemAttributes);
        if (items == null) {
            EnvelopeWalker.walkResources(schema, buf, from, to, (entryStart, entryFrom, entryTo) -> pass.resourceEntry(entryFrom, entryTo));
        } else {
            EnvelopeWalker.walk(schema, buf, from, to, pass);
            pass.finishItems();
        }
        return pass.splices.isEmpty() ? null : new Edited(pass.write(from, to), pass.changedEntries);
    }

    /** A range of the input and what replaces it: a length prefix, a field head, an attribute list, or nothing. */
    private static final class Splice {
        final int from;
        final int to;
        /** The tag of a field this splice creates, else 0. */
        final int tag;
        /** The length prefix written (after {@link #tag}, if any), else -1. */
        final int length;
        /** The attribute list written last, each entry as a field with {@link #listTag}; null for none. */
        final List<KeyValue> list;
        final int listTag;
        /** Bytes written in place of [from, to). */
        final int size;

        private Splice(int from, int to, int tag, int length, int listTag, List<KeyValue> list) {
            this.from = from;
            this.to = to;
            this.tag = tag;
            this.length = length;
            this.listTag = listTag;
            this.list = list;
            this.size = (tag == 0 ? 0 : EnvelopeWriter.varintSize(tag))
                    + (length < 0 ? 0 : EnvelopeWriter.varintSize(length))
                    + (list == null ? 0 : listSize(listTag, list));
        }

        static Splice length(int from, int to, int length) {
            return new Splice(from, to, 0, length, 0, null);
        }

        static Splice removal(int from, int to) {
            return new Splice(from, to, 0, -1, 0, null);
        }

        static Splice attributes(int from, int to, int listTag, List<KeyValue> list) {
            return new Splice(from, to, 0, -1, listTag, list);
        }

        /** A new message field {@code tag} at {@code at} holding only these attributes. */
        static Splice message(int at, int tag, int listTag, List<KeyValue> list) {
            return new Splice(at, at, tag, listSize(listTag, list), listTag, list);
        }

        int growth() {
            return size - (to - from);
        }

        void write(CodedOutputStream out) throws IOException {
            if (tag != 0) {
                out.writeUInt32NoTag(tag);
            }
            if (length >= 0) {
                out.writeUInt32NoTag(length);
            }
            if (list != null) {
                for (KeyValue attribute : list) {
                    out.writeUInt32NoTag(listTag);
                    out.writeUInt32NoTag(attribute.getSerializedSize());
                    attribute.writeTo(out);
                }
            }
        }

        private static int listSize(int listTag, List<KeyValue> list) {
            int tagSize = EnvelopeWriter.varintSize(listTag);
            int size = 0;
            for (KeyValue attribute : list) {
                size += EnvelopeWriter.fieldSize(tagSize, attribute.getSerializedSize());
            }
            return size;
        }
    }

    /** Length-delimited fields found in a scan: where each starts, its value's range, and which scanned message holds it. */
    private static final class Fields {
        int count;
        int[] starts = new int[8];
        int[] froms = new int[8];
        int[] tos = new int[8];
        int[] owners = new int[8];

        void add(int owner, int start, int from, int to) {
            if (count == starts.length) {
                starts = Arrays.copyOf(starts, count * 2);
                froms = Arrays.copyOf(froms, count * 2);
                tos = Arrays.copyOf(tos, count * 2);
                owners = Arrays.copyOf(owners, count * 2);
            }
            owners[count] = owner;
            starts[count] = start;
            froms[count] = from;
            tos[count] = to;
            count++;
        }
    }

    /**
     * One edit of one request. In an item walk, a scope entry is closed when the next one or the
     * next resource entry starts, and a resource entry when the next one starts, or both at the end.
     */
    private final class Pass implements EnvelopeWalker.Visitor {
        private final byte[] buf;
        private final AttributePath itemPath;
        private final List<Splice> splices = new ArrayList<>();
        private final BitSet changedEntries = new BitSet();
        /** The messages whose attribute list is being edited (several when a singular field occurs more than once). */
        private final Fields messages = new Fields();
        private final Fields attributeFields = new Fields();
        /** The resource entry being walked: its index (-1 before the first), value range and first splice. */
        private int entry = -1;
        private int entryFrom;
        private int entryTo;
        private int entryMark = -1;
        /** The scope entry being walked in an item walk: its value range and first splice, -1 when none is open. */
        private int scopeFrom;
        private int scopeTo;
        private int scopeMark = -1;

        Pass(byte[] buf, AttributePath itemPath) {
            this.buf = buf;
            this.itemPath = itemPath;
        }

        void resourceEntry(int from, int to) {
            entry++;
            int mark = splices.size();
            messages.count = 0;
            int resourceTag = Schema.lengthDelimited(Schema.ResourceEntry.RESOURCE);
            int createAt = scan(messages, 0, from, to, resourceTag);
            editList(Schema.Resource.ATTRIBUTES, resourceTag, createAt);
            closeEntry(mark, from, to);
        }

        @Override
        public void resource(int entryStart, int from, int to) {
            finishItems();
            entry++;
            entryFrom = from;
            entryTo = to;
            entryMark = splices.size();
            items.resource(buf, from, to);
        }

        @Override
        public void scope(int from, int to) {
            closeScope();
            scopeFrom = from;
            scopeTo = to;
            scopeMark = splices.size();
            items.scope(buf, from, to);
        }

        @Override
        public void item(int from, int to) {
            if (items.selects(buf, from, to)) {
                edit(from, to, itemPath);
            }
        }

        /** Closes the scope and resource entries an item walk left open. */
        void finishItems() {
            closeScope();
            if (entryMark >= 0) {
                closeEntry(entryMark, entryFrom, entryTo);
                entryMark = -1;
            }
        }

        private void closeScope() {
            if (scopeMark >= 0) {
                close(scopeMark, scopeFrom, scopeTo);
                scopeMark = -1;
            }
        }

        private void closeEntry(int mark, int from, int to) {
            if (close(mark, from, to)) {
                changedEntries.set(entry);
            }
        }

        /** Edits along {@code path} in the message [from, to), the value of a length-delimited field. */
        private void edit(int from, int to, AttributePath path) {
            if (path.attributes != 0) {
                messages.count = 0;
                messages.add(0, -1, from, to);
                editList(path.attributes, 0, -1);
                return;
            }
            int mark = splices.size();
            WireCursor in = new WireCursor(buf, from, to);
            while (in.more()) {
                int tag = in.tag();
                AttributePath next = path.next(tag);
                if (next == null) {
                    in.skip(tag);
                    continue;
                }
                int end = in.lengthEnd();
                edit(in.pos(), end, next);
                in.pos(end);
            }
            close(mark, from, to);
        }

        /**
         * Edits the attribute list (field {@code field}) of the message made of {@link #messages}:
         * protobuf merges the occurrences of a singular message field, their repeated fields
         * concatenated. With none, an edited list goes into a new field {@code createTag} at
         * {@code createAt}.
         */
        private void editList(int field, int createTag, int createAt) {
            int tag = Schema.lengthDelimited(field);
            attributeFields.count = 0;
            int insertAt = -1;
            for (int m = 0; m < messages.count; m++) {
                int at = scan(attributeFields, m, messages.froms[m], messages.tos[m], tag);
                if (m == 0) {
                    insertAt = at;
                }
            }
            List<KeyValue> decoded = new ArrayList<>(attributeFields.count);
            for (int f = 0; f < attributeFields.count; f++) {
                decoded.add(keyValue(attributeFields.froms[f], attributeFields.tos[f]));
            }
            List<KeyValue> current = Collections.unmodifiableList(decoded);
            List<KeyValue> edited = editFunction.apply(current);
            if (edited == current) {
                return;
            }
            if (messages.count == 0) {
                splices.add(Splice.message(createAt, createTag, tag, edited));
                return;
            }
            boolean written = false;
            int f = 0;
            for (int m = 0; m < messages.count; m++) {
                int mark = splices.size();
                if (m == 0 && attributeFields.count == 0) {
                    splices.add(Splice.attributes(insertAt, insertAt, tag, edited));
                    written = true;
                }
                for (; f < attributeFields.count && attributeFields.owners[f] == m; f++) {
                    int start = attributeFields.starts[f];
                    int end = attributeFields.tos[f];
                    splices.add(written ? Splice.removal(start, end) : Splice.attributes(start, end, tag, edited));
                    written = true;
                }
                close(mark, messages.froms[m], messages.tos[m]);
            }
        }

        /**
         * Adds the fields with {@code tag} of the message [from, to) to {@code found}; returns where
         * protobuf would put a new such field: before the first field of a higher number, else at the end.
         */
        private int scan(Fields found, int owner, int from, int to, int tag) {
            int insertAt = -1;
            WireCursor in = new WireCursor(buf, from, to);
            while (in.more()) {
                int start = in.pos();
                int fieldTag = in.tag();
                if (fieldTag == tag) {
                    int end = in.lengthEnd();
                    found.add(owner, start, in.pos(), end);
                    in.pos(end);
                    continue;
                }
                if (insertAt < 0 && fieldTag >>> 3 > tag >>> 3) {
                    insertAt = start;
                }
                in.skip(fieldTag);
            }
            return insertAt < 0 ? to : insertAt;
        }

        /**
         * Ends the edit of the message [from, to), a length-delimited field's value whose splices
         * start at {@code mark}: when anything inside changed, its length prefix is rewritten.
         */
        private boolean close(int mark, int from, int to) {
            if (splices.size() == mark) {
                return false;
            }
            int length = to - from;
            for (int i = mark; i < splices.size(); i++) {
                length += splices.get(i).growth();
            }
            splices.add(mark, Splice.length(lengthStart(from), from, length));
            return true;
        }

        /**
         * Where the length prefix of the field value starting at {@code from} begins. The prefix
         * follows the tag; every byte of a varint but its last has the continuation bit set, so
         * the first byte before the prefix's last without that bit is the tag's last. This finds
         * a prefix padded with redundant bytes too, which protobuf accepts.
         */
        private int lengthStart(int from) {
            int start = from - 1;
            while (buf[start - 1] < 0) {
                start--;
            }
            return start;
        }

        private KeyValue keyValue(int from, int to) {
            try {
                return KeyValue.parser().parseFrom(buf, from, to - from);
            } catch (InvalidProtocolBufferException e) {
                throw new MalformedWireException("attribute at " + from + " does not decode: " + e.getMessage());
            }
        }

        byte[] write(int from, int to) {
            int size = to - from;
            for (Splice splice : splices) {
                size += splice.growth();
            }
            byte[] out = new byte[size];
            CodedOutputStream coded = CodedOutputStream.newInstance(out);
            try {
                int pos = from;
                for (Splice splice : splices) {
                    coded.writeRawBytes(buf, pos, splice.from - pos);
                    splice.write(coded);
                    pos = splice.to;
                }
                coded.writeRawBytes(buf, pos, to - pos);
                coded.checkNoSpaceLeft();
            } catch (IOException e) {
                throw new IllegalStateException("writing to an array of the computed size failed", e);
            }
            return out;
        }
    }
}
