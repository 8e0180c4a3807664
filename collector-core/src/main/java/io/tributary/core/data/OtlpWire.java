package io.tributary.core.data;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import com.google.protobuf.WireFormat;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * Walks the wire bytes of an OTLP export request of any signal without building protobuf
 * objects: {@link #validate} checks them down to every field and counts the signal's items
 * (spans, data points of every metric type as otelcol's {@code DataPointCount}, log records).
 * A signal is a table of message shapes; the walk is the same for all.
 *
 * <p>Validation accepts exactly what protobuf-java will later decode (well-formed tags and
 * lengths, valid UTF-8 in every {@code string} field, nesting within protobuf's recursion limit),
 * and adds the checks otelcol makes: a known field must have its declared wire type, and trace
 * and span IDs must have their fixed lengths (a log record's and an exemplar's may be empty). Unknown fields are skipped, as protobuf does.
 */
final class OtlpWire {
    /** protobuf-java's default recursion limit: deeper input would fail to decode later. */
    static final int MAX_DEPTH = 100;

    record Counts(int items, int resourceEntries) {
    }

    private OtlpWire() {
    }

    /** @throws InvalidOtlpException naming the path to the bad field, e.g. {@code resource_spans[0].scope_spans[1].spans[3]} */
    static Counts validate(Schema signal, ByteString request) throws InvalidOtlpException {
        return new Validator(request).run(Shape.request(signal));
    }

    /**
     * What a known field holds, hence how the walk checks it. Plain ints rather than an enum: the
     * walk dispatches on one byte per tag ({@link Shape#actions}), which measured faster than
     * loading an enum constant, comparing its wire type and switching on its ordinal.
     */
    private static final class Kind {
        /** Not a field of the message: skipped, as protobuf skips unknown fields. */
        static final int UNKNOWN = 0;
        /** A known field number with another wire type than its own. */
        static final int WRONG_WIRE_TYPE = 1;
        static final int VARINT = 2;
        static final int FIXED32 = 3;
        static final int FIXED64 = 4;
        static final int BYTES = 5;
        static final int STRING = 6;
        static final int TRACE_ID = 7;
        static final int SPAN_ID = 8;
        /** A trace ID that may also be empty: a log record's or an exemplar's. */
        static final int OPTIONAL_TRACE_ID = 9;
        /** A span ID that may also be empty: a parent span's, a log record's or an exemplar's. */
        static final int OPTIONAL_SPAN_ID = 10;
        static final int MESSAGE = 11;
        /** A packed {@code repeated fixed64}/{@code double}: a length that is a multiple of 8. */
        static final int PACKED_FIXED64 = 12;
        /** A packed {@code repeated uint64}: well-formed varints filling the length. */
        static final int PACKED_VARINT = 13;

        private Kind() {
        }

        static int wireType(int kind) {
            return switch (kind) {
                case VARINT -> WireFormat.WIRETYPE_VARINT;
                case FIXED32 -> WireFormat.WIRETYPE_FIXED32;
                case FIXED64 -> WireFormat.WIRETYPE_FIXED64;
                default -> WireFormat.WIRETYPE_LENGTH_DELIMITED;
            };
        }
    }

    /** The fields of one OTLP message type that the validator checks, indexed by field number. */
    private static final class Shape {
        /** Most repeated message fields in one message type (Span: attributes, events, links). */
        static final int SLOTS = 3;
        static final int MAX_FIELD = 16;

        static final Shape RESOURCE = new Shape();
        static final Shape ENTITY_REF = new Shape();
        static final Shape SCOPE = new Shape();
        static final Shape SPAN = new Shape().counted();
        static final Shape EVENT = new Shape();
        static final Shape LINK = new Shape();
        static final Shape STATUS = new Shape();
        static final Shape METRIC = new Shape();
        static final Shape GAUGE = new Shape();
        static final Shape SUM = new Shape();
        static final Shape HISTOGRAM = new Shape();
        static final Shape EXPONENTIAL_HISTOGRAM = new Shape();
        static final Shape SUMMARY = new Shape();
        static final Shape NUMBER_DATA_POINT = new Shape().counted();
        static final Shape HISTOGRAM_DATA_POINT = new Shape().counted();
        static final Shape EXPONENTIAL_HISTOGRAM_DATA_POINT = new Shape().counted();
        static final Shape BUCKETS = new Shape();
        static final Shape SUMMARY_DATA_POINT = new Shape().counted();
        static final Shape VALUE_AT_QUANTILE = new Shape();
        static final Shape EXEMPLAR = new Shape();
        static final Shape LOG_RECORD = new Shape().counted();
        static final Shape KEY_VALUE = new Shape();
        static final Shape ANY_VALUE = new Shape();
        static final Shape ARRAY_VALUE = new Shape();
        static final Shape KEY_VALUE_LIST = new Shape();

        static final Shape TRACES_REQUEST = envelope(Schema.TRACES, SPAN);
        static final Shape METRICS_REQUEST = envelope(Schema.METRICS, METRIC);
        static final Shape LOGS_REQUEST = envelope(Schema.LOGS, LOG_RECORD);

        static Shape request(Schema signal) {
            return switch (signal) {
                case TRACES -> TRACES_REQUEST;
                case METRICS -> METRICS_REQUEST;
                case LOGS -> LOGS_REQUEST;
            };
        }

        /** The request → resource entry → scope entry shapes every signal shares, around its own item. */
        private static Shape envelope(Schema signal, Shape item) {
            Shape scopeEntry = new Shape().message(Schema.ScopeEntry.SCOPE, "scope", SCOPE)
                    .repeated(signal.items, signal.itemsName, item)
                    .field(Schema.ScopeEntry.SCHEMA_URL, "schema_url", Kind.STRING);
            Shape resourceEntry = new Shape().message(Schema.ResourceEntry.RESOURCE, "resource", RESOURCE)
                    .repeated(signal.scopeEntries, signal.scopeEntriesName, scopeEntry)
                    .field(Schema.ResourceEntry.SCHEMA_URL, "schema_url", Kind.STRING);
            return new Shape().repeated(signal.resourceEntries, signal.resourceEntriesName, resourceEntry);
        }

        static {
            RESOURCE.repeated(Schema.Resource.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.Resource.DROPPED_ATTRIBUTES_COUNT, "dropped_attributes_count", Kind.VARINT)
                    .repeated(Schema.Resource.ENTITY_REFS, "entity_refs", ENTITY_REF);
            ENTITY_REF.field(Schema.EntityRef.SCHEMA_URL, "schema_url", Kind.STRING)
                    .field(Schema.EntityRef.TYPE, "type", Kind.STRING)
                    .field(Schema.EntityRef.ID_KEYS, "id_keys", Kind.STRING)
                    .field(Schema.EntityRef.DESCRIPTION_KEYS, "description_keys", Kind.STRING);
            SCOPE.field(Schema.Scope.NAME, "name", Kind.STRING)
                    .field(Schema.Scope.VERSION, "version", Kind.STRING)
                    .repeated(Schema.Scope.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.Scope.DROPPED_ATTRIBUTES_COUNT, "dropped_attributes_count", Kind.VARINT);

            SPAN.field(Schema.Span.TRACE_ID, "trace_id", Kind.TRACE_ID)
                    .field(Schema.Span.SPAN_ID, "span_id", Kind.SPAN_ID)
                    .field(Schema.Span.TRACE_STATE, "trace_state", Kind.STRING)
                    .field(Schema.Span.PARENT_SPAN_ID, "parent_span_id", Kind.OPTIONAL_SPAN_ID)
                    .field(Schema.Span.NAME, "name", Kind.STRING)
                    .field(Schema.Span.KIND, "kind", Kind.VARINT)
                    .field(Schema.Span.START_TIME_UNIX_NANO, "start_time_unix_nano", Kind.FIXED64)
                    .field(Schema.Span.END_TIME_UNIX_NANO, "end_time_unix_nano", Kind.FIXED64)
                    .repeated(Schema.Span.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.Span.DROPPED_ATTRIBUTES_COUNT, "dropped_attributes_count", Kind.VARINT)
                    .repeated(Schema.Span.EVENTS, "events", EVENT)
                    .field(Schema.Span.DROPPED_EVENTS_COUNT, "dropped_events_count", Kind.VARINT)
                    .repeated(Schema.Span.LINKS, "links", LINK)
                    .field(Schema.Span.DROPPED_LINKS_COUNT, "dropped_links_count", Kind.VARINT)
                    .message(Schema.Span.STATUS, "status", STATUS)
                    .field(Schema.Span.FLAGS, "flags", Kind.FIXED32);
            EVENT.field(Schema.Event.TIME_UNIX_NANO, "time_unix_nano", Kind.FIXED64)
                    .field(Schema.Event.NAME, "name", Kind.STRING)
                    .repeated(Schema.Event.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.Event.DROPPED_ATTRIBUTES_COUNT, "dropped_attributes_count", Kind.VARINT);
            LINK.field(Schema.Link.TRACE_ID, "trace_id", Kind.TRACE_ID)
                    .field(Schema.Link.SPAN_ID, "span_id", Kind.SPAN_ID)
                    .field(Schema.Link.TRACE_STATE, "trace_state", Kind.STRING)
                    .repeated(Schema.Link.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.Link.DROPPED_ATTRIBUTES_COUNT, "dropped_attributes_count", Kind.VARINT)
                    .field(Schema.Link.FLAGS, "flags", Kind.FIXED32);
            STATUS.field(Schema.Status.MESSAGE, "message", Kind.STRING)
                    .field(Schema.Status.CODE, "code", Kind.VARINT);

            METRIC.field(Schema.Metric.NAME, "name", Kind.STRING)
                    .field(Schema.Metric.DESCRIPTION, "description", Kind.STRING)
                    .field(Schema.Metric.UNIT, "unit", Kind.STRING)
                    .message(Schema.Metric.GAUGE, "gauge", GAUGE)
                    .message(Schema.Metric.SUM, "sum", SUM)
                    .message(Schema.Metric.HISTOGRAM, "histogram", HISTOGRAM)
                    .message(Schema.Metric.EXPONENTIAL_HISTOGRAM, "exponential_histogram", EXPONENTIAL_HISTOGRAM)
                    .message(Schema.Metric.SUMMARY, "summary", SUMMARY)
                    .repeated(Schema.Metric.METADATA, "metadata", KEY_VALUE);
            GAUGE.repeated(Schema.MetricData.DATA_POINTS, "data_points", NUMBER_DATA_POINT);
            SUM.repeated(Schema.MetricData.DATA_POINTS, "data_points", NUMBER_DATA_POINT)
                    .field(Schema.MetricData.AGGREGATION_TEMPORALITY, "aggregation_temporality", Kind.VARINT)
                    .field(Schema.MetricData.IS_MONOTONIC, "is_monotonic", Kind.VARINT);
            HISTOGRAM.repeated(Schema.MetricData.DATA_POINTS, "data_points", HISTOGRAM_DATA_POINT)
                    .field(Schema.MetricData.AGGREGATION_TEMPORALITY, "aggregation_temporality", Kind.VARINT);
            EXPONENTIAL_HISTOGRAM.repeated(Schema.MetricData.DATA_POINTS, "data_points", EXPONENTIAL_HISTOGRAM_DATA_POINT)
                    .field(Schema.MetricData.AGGREGATION_TEMPORALITY, "aggregation_temporality", Kind.VARINT);
            SUMMARY.repeated(Schema.MetricData.DATA_POINTS, "data_points", SUMMARY_DATA_POINT);
            NUMBER_DATA_POINT.repeated(Schema.NumberDataPoint.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.NumberDataPoint.START_TIME_UNIX_NANO, "start_time_unix_nano", Kind.FIXED64)
                    .field(Schema.NumberDataPoint.TIME_UNIX_NANO, "time_unix_nano", Kind.FIXED64)
                    .field(Schema.NumberDataPoint.AS_DOUBLE, "as_double", Kind.FIXED64)
                    .field(Schema.NumberDataPoint.AS_INT, "as_int", Kind.FIXED64)
                    .repeated(Schema.NumberDataPoint.EXEMPLARS, "exemplars", EXEMPLAR)
                    .field(Schema.NumberDataPoint.FLAGS, "flags", Kind.VARINT);
            HISTOGRAM_DATA_POINT.repeated(Schema.HistogramDataPoint.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.HistogramDataPoint.START_TIME_UNIX_NANO, "start_time_unix_nano", Kind.FIXED64)
                    .field(Schema.HistogramDataPoint.TIME_UNIX_NANO, "time_unix_nano", Kind.FIXED64)
                    .field(Schema.HistogramDataPoint.COUNT, "count", Kind.FIXED64)
                    .field(Schema.HistogramDataPoint.SUM, "sum", Kind.FIXED64)
                    .packed(Schema.HistogramDataPoint.BUCKET_COUNTS, "bucket_counts", Kind.FIXED64)
                    .packed(Schema.HistogramDataPoint.EXPLICIT_BOUNDS, "explicit_bounds", Kind.FIXED64)
                    .repeated(Schema.HistogramDataPoint.EXEMPLARS, "exemplars", EXEMPLAR)
                    .field(Schema.HistogramDataPoint.FLAGS, "flags", Kind.VARINT)
                    .field(Schema.HistogramDataPoint.MIN, "min", Kind.FIXED64)
                    .field(Schema.HistogramDataPoint.MAX, "max", Kind.FIXED64);
            EXPONENTIAL_HISTOGRAM_DATA_POINT.repeated(Schema.ExponentialHistogramDataPoint.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.ExponentialHistogramDataPoint.START_TIME_UNIX_NANO, "start_time_unix_nano", Kind.FIXED64)
                    .field(Schema.ExponentialHistogramDataPoint.TIME_UNIX_NANO, "time_unix_nano", Kind.FIXED64)
                    .field(Schema.ExponentialHistogramDataPoint.COUNT, "count", Kind.FIXED64)
                    .field(Schema.ExponentialHistogramDataPoint.SUM, "sum", Kind.FIXED64)
                    .field(Schema.ExponentialHistogramDataPoint.SCALE, "scale", Kind.VARINT)
                    .field(Schema.ExponentialHistogramDataPoint.ZERO_COUNT, "zero_count", Kind.FIXED64)
                    .message(Schema.ExponentialHistogramDataPoint.POSITIVE, "positive", BUCKETS)
                    .message(Schema.ExponentialHistogramDataPoint.NEGATIVE, "negative", BUCKETS)
                    .field(Schema.ExponentialHistogramDataPoint.FLAGS, "flags", Kind.VARINT)
                    .repeated(Schema.ExponentialHistogramDataPoint.EXEMPLARS, "exemplars", EXEMPLAR)
                    .field(Schema.ExponentialHistogramDataPoint.MIN, "min", Kind.FIXED64)
                    .field(Schema.ExponentialHistogramDataPoint.MAX, "max", Kind.FIXED64)
                    .field(Schema.ExponentialHistogramDataPoint.ZERO_THRESHOLD, "zero_threshold", Kind.FIXED64);
            BUCKETS.field(Schema.Buckets.OFFSET, "offset", Kind.VARINT)
                    .packed(Schema.Buckets.BUCKET_COUNTS, "bucket_counts", Kind.VARINT);
            SUMMARY_DATA_POINT.repeated(Schema.SummaryDataPoint.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.SummaryDataPoint.START_TIME_UNIX_NANO, "start_time_unix_nano", Kind.FIXED64)
                    .field(Schema.SummaryDataPoint.TIME_UNIX_NANO, "time_unix_nano", Kind.FIXED64)
                    .field(Schema.SummaryDataPoint.COUNT, "count", Kind.FIXED64)
                    .field(Schema.SummaryDataPoint.SUM, "sum", Kind.FIXED64)
                    .repeated(Schema.SummaryDataPoint.QUANTILE_VALUES, "quantile_values", VALUE_AT_QUANTILE)
                    .field(Schema.SummaryDataPoint.FLAGS, "flags", Kind.VARINT);
            VALUE_AT_QUANTILE.field(Schema.ValueAtQuantile.QUANTILE, "quantile", Kind.FIXED64)
                    .field(Schema.ValueAtQuantile.VALUE, "value", Kind.FIXED64);
            EXEMPLAR.repeated(Schema.Exemplar.FILTERED_ATTRIBUTES, "filtered_attributes", KEY_VALUE)
                    .field(Schema.Exemplar.TIME_UNIX_NANO, "time_unix_nano", Kind.FIXED64)
                    .field(Schema.Exemplar.AS_DOUBLE, "as_double", Kind.FIXED64)
                    .field(Schema.Exemplar.AS_INT, "as_int", Kind.FIXED64)
                    .field(Schema.Exemplar.SPAN_ID, "span_id", Kind.OPTIONAL_SPAN_ID)
                    .field(Schema.Exemplar.TRACE_ID, "trace_id", Kind.OPTIONAL_TRACE_ID);

            LOG_RECORD.field(Schema.LogRecord.TIME_UNIX_NANO, "time_unix_nano", Kind.FIXED64)
                    .field(Schema.LogRecord.SEVERITY_NUMBER, "severity_number", Kind.VARINT)
                    .field(Schema.LogRecord.SEVERITY_TEXT, "severity_text", Kind.STRING)
                    .message(Schema.LogRecord.BODY, "body", ANY_VALUE)
                    .repeated(Schema.LogRecord.ATTRIBUTES, "attributes", KEY_VALUE)
                    .field(Schema.LogRecord.DROPPED_ATTRIBUTES_COUNT, "dropped_attributes_count", Kind.VARINT)
                    .field(Schema.LogRecord.FLAGS, "flags", Kind.FIXED32)
                    .field(Schema.LogRecord.TRACE_ID, "trace_id", Kind.OPTIONAL_TRACE_ID)
                    .field(Schema.LogRecord.SPAN_ID, "span_id", Kind.OPTIONAL_SPAN_ID)
                    .field(Schema.LogRecord.OBSERVED_TIME_UNIX_NANO, "observed_time_unix_nano", Kind.FIXED64)
                    .field(Schema.LogRecord.EVENT_NAME, "event_name", Kind.STRING);

            KEY_VALUE.field(Schema.KeyValue.KEY, "key", Kind.STRING)
                    .message(Schema.KeyValue.VALUE, "value", ANY_VALUE)
                    .field(Schema.KeyValue.KEY_STRINDEX, "key_strindex", Kind.VARINT);
            ANY_VALUE.field(Schema.AnyValue.STRING_VALUE, "string_value", Kind.STRING)
                    .field(Schema.AnyValue.BOOL_VALUE, "bool_value", Kind.VARINT)
                    .field(Schema.AnyValue.INT_VALUE, "int_value", Kind.VARINT)
                    .field(Schema.AnyValue.DOUBLE_VALUE, "double_value", Kind.FIXED64)
                    .message(Schema.AnyValue.ARRAY_VALUE, "array_value", ARRAY_VALUE)
                    .message(Schema.AnyValue.KVLIST_VALUE, "kvlist_value", KEY_VALUE_LIST)
                    .field(Schema.AnyValue.BYTES_VALUE, "bytes_value", Kind.BYTES)
                    .field(Schema.AnyValue.STRING_VALUE_STRINDEX, "string_value_strindex", Kind.VARINT);
            ARRAY_VALUE.repeated(Schema.LIST_VALUES, "values", ANY_VALUE);
            KEY_VALUE_LIST.repeated(Schema.LIST_VALUES, "values", KEY_VALUE);
        }

        final String[] names = new String[MAX_FIELD + 1];
        final int[] kinds = new int[MAX_FIELD + 1];
        /** The walk's {@link Kind} for each tag (field number and wire type) of a field up to {@link #MAX_FIELD}. */
        final byte[] actions = new byte[(MAX_FIELD + 1) << 3];
        final Shape[] nested = new Shape[MAX_FIELD + 1];
        /** For a repeated message field, its counter slot (for the index in error paths); -1 otherwise. */
        final int[] slots = new int[MAX_FIELD + 1];
        /** How many counter slots this shape uses: the walk resets only those on entering a message. */
        int slotCount;
        /** Whether this message is one of its signal's items, which the walk counts. */
        boolean counted;

        private Shape() {
            Arrays.fill(slots, -1);
        }

        private Shape field(int number, String name, int kind) {
            names[number] = name;
            kinds[number] = kind;
            for (int wireType = 0; wireType < 8; wireType++) {
                actions[number << 3 | wireType] = (byte) (wireType == Kind.wireType(kind) ? kind : Kind.WRONG_WIRE_TYPE);
            }
            return this;
        }

        private Shape counted() {
            counted = true;
            return this;
        }

        /** A repeated scalar field, which protobuf accepts packed (length-delimited) as well as one element per tag. */
        private Shape packed(int number, String name, int elementKind) {
            field(number, name, elementKind);
            actions[number << 3 | WireFormat.WIRETYPE_LENGTH_DELIMITED] =
                    (byte) (elementKind == Kind.VARINT ? Kind.PACKED_VARINT : Kind.PACKED_FIXED64);
            return this;
        }

        private Shape message(int number, String name, Shape shape) {
            nested[number] = shape;
            return field(number, name, Kind.MESSAGE);
        }

        private Shape repeated(int number, String name, Shape shape) {
            if (slotCount == SLOTS) {
                throw new IllegalStateException("more than " + SLOTS + " repeated message fields in one shape");
            }
            slots[number] = slotCount++;
            return message(number, name, shape);
        }

        String name(int number) {
            return number <= MAX_FIELD && names[number] != null ? names[number] : "field " + number;
        }
    }

    /**
     * One validation pass. It walks the bytes in an array with its own varint decoding, so the
     * UTF-8 check of each string reads the array directly (ASCII being the common case); through
     * {@code CodedInputStream} and a {@code ByteString} per string the walk measured about 1.5
     * times slower. The array is the request's own when it is flat (as the receivers make it), a
     * copy only for a rope. The current path lives in arrays indexed by depth, so the walk
     * allocates nothing per field; the path is spelled out only when reporting an error.
     */
    private static final class Validator {
        /** Reads 8 bytes as one long, for the ASCII test of strings. */
        private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
        private static final long HIGH_BITS = 0x8080808080808080L;

        private final byte[] buffer;
        private int pos;
        /** End of the message being walked. */
        private int limit;
        private String[] pathNames = new String[8];
        private int[] pathIndexes = new int[8];
        private int[] counters = new int[8 * Shape.SLOTS];
        private int depth;
        private Shape shape;
        private int field;
        private int groupDepth;
        private int items;

        Validator(ByteString bytes) {
            FlatBytes flat = FlatBytes.of(bytes);
            this.buffer = flat.array();
            this.pos = flat.from();
            this.limit = flat.to();
        }

        /** The root shape is an argument, not a field: one field more made every request's validator 8 bytes larger. */
        Counts run(Shape request) throws InvalidOtlpException {
            shape = request;
            walk(request);
            return new Counts(items, counters[0]);
        }

        /** Walks the fields of one message up to {@link #limit}. */
        private void walk(Shape current) throws InvalidOtlpException {
            // Most messages (KeyValue, AnyValue) have no repeated message field: nothing to reset.
            int base = depth * Shape.SLOTS;
            for (int i = 0; i < current.slotCount; i++) {
                counters[base + i] = 0;
            }
            while (pos < limit) {
                shape = current;
                field = 0;
                int tag = readTag();
                field = tag >>> 3; // unsigned: a tag above 2^31 is a large unknown field number
                switch (field <= Shape.MAX_FIELD ? current.actions[tag] : Kind.UNKNOWN) {
                    case Kind.UNKNOWN -> skip(tag);
                    case Kind.WRONG_WIRE_TYPE -> throw error(current.name(field) + " has wire type " + (tag & 7)
                            + ", expected " + Kind.wireType(current.kinds[field]));
                    case Kind.VARINT -> readVarint();
                    case Kind.FIXED32 -> skipFixed(4);
                    case Kind.FIXED64 -> skipFixed(8);
                    case Kind.BYTES -> skipBytes();
                    case Kind.STRING -> checkUtf8(length());
                    case Kind.TRACE_ID -> checkId(16, false);
                    case Kind.SPAN_ID -> checkId(8, false);
                    case Kind.OPTIONAL_TRACE_ID -> checkId(16, true);
                    case Kind.OPTIONAL_SPAN_ID -> checkId(8, true);
                    case Kind.MESSAGE -> nested(current, current.nested[field], current.slots[field]);
                    case Kind.PACKED_FIXED64 -> checkPackedFixed64();
                    case Kind.PACKED_VARINT -> checkPackedVarints();
                }
            }
        }

        private void nested(Shape parent, Shape child, int slot) throws InvalidOtlpException {
            int length = length();
            if (depth >= MAX_DEPTH) {
                throw error(parent.name(field) + " is nested deeper than " + MAX_DEPTH + " messages");
            }
            int index = -1;
            if (slot >= 0) {
                index = counters[depth * Shape.SLOTS + slot]++;
            }
            if (child.counted) {
                items++;
            }
            enter(parent.name(field), index);
            int outerLimit = limit;
            limit = pos + length;
            walk(child);
            limit = outerLimit;
            depth--;
            shape = parent;
        }

        private void checkPackedFixed64() throws InvalidOtlpException {
            int length = length();
            if (length % 8 != 0) {
                throw error(shape.name(field) + " is packed fixed64 values but its length " + length + " is not a multiple of 8");
            }
            pos += length;
        }

        private void checkPackedVarints() throws InvalidOtlpException {
            int length = length();
            int outerLimit = limit;
            limit = pos + length;
            while (pos < limit) {
                readVarint();
            }
            limit = outerLimit;
        }

        private void enter(String name, int index) {
            depth++;
            if (depth == pathNames.length) {
                pathNames = Arrays.copyOf(pathNames, depth * 2);
                pathIndexes = Arrays.copyOf(pathIndexes, depth * 2);
                counters = Arrays.copyOf(counters, depth * 2 * Shape.SLOTS);
            }
            pathNames[depth] = name;
            pathIndexes[depth] = index;
        }

        private void checkId(int size, boolean emptyAllowed) throws InvalidOtlpException {
            int length = length();
            if (length != size && !(emptyAllowed && length == 0)) {
                String allowed = emptyAllowed ? "empty or " + size : String.valueOf(size);
                throw error(shape.name(field) + " must be " + allowed + " bytes, got " + length);
            }
            pos += length;
        }

        /** ASCII is checked here; anything else goes to protobuf's own validator, so both agree. */
        private void checkUtf8(int length) throws InvalidOtlpException {
            int end = pos + length;
            if (!isAscii(buffer, pos, end) && !UnsafeByteOperations.unsafeWrap(buffer, pos, length).isValidUtf8()) {
                throw error(shape.name(field) + " is not valid UTF-8");
            }
            pos = end;
        }

        /**
         * Eight bytes per step, their high bits OR-ed together and tested once. Most strings
         * (attribute keys, short values) are shorter than eight bytes: they take one read whose
         * bytes past the string are masked off, and a longer string's last word overlaps the one
         * before, so no string needs a byte-by-byte tail unless it ends the array.
         */
        static boolean isAscii(byte[] bytes, int from, int to) {
            int length = to - from;
            if (length >= Long.BYTES) {
                long words = 0;
                for (int i = from; i < to - Long.BYTES; i += Long.BYTES) {
                    words |= (long) LONGS.get(bytes, i);
                }
                words |= (long) LONGS.get(bytes, to - Long.BYTES);
                return (words & HIGH_BITS) == 0;
            }
            if (bytes.length - from >= Long.BYTES) {
                long first = (long) LONGS.get(bytes, from);
                return (first & HIGH_BITS & ((1L << (length << 3)) - 1)) == 0;
            }
            int tail = 0;
            for (int i = from; i < to; i++) {
                tail |= bytes[i];
            }
            return tail >= 0;
        }

        /** Skips an unknown field by its wire type, checking it is well-formed. */
        private void skip(int tag) throws InvalidOtlpException {
            switch (tag & 7) {
                case WireFormat.WIRETYPE_VARINT -> readVarint();
                case WireFormat.WIRETYPE_FIXED32 -> skipFixed(4);
                case WireFormat.WIRETYPE_FIXED64 -> skipFixed(8);
                case WireFormat.WIRETYPE_LENGTH_DELIMITED -> skipBytes();
                case WireFormat.WIRETYPE_START_GROUP -> skipGroup(tag >>> 3);
                case WireFormat.WIRETYPE_END_GROUP -> throw error(shape.name(field) + " closes a group that was never opened");
                default -> throw error(shape.name(field) + " has invalid wire type " + (tag & 7));
            }
        }

        /**
         * Skips a (deprecated) group, bounding its nesting as protobuf bounds messages, so nested
         * start-group tags cannot overflow the stack.
         */
        private void skipGroup(int number) throws InvalidOtlpException {
            if (depth + ++groupDepth >= MAX_DEPTH) {
                throw error(shape.name(field) + " has groups nested deeper than " + MAX_DEPTH);
            }
            while (true) {
                if (pos == limit) {
                    throw error("group " + number + " is never closed");
                }
                int tag = readTag();
                if ((tag & 7) == WireFormat.WIRETYPE_END_GROUP) {
                    if (tag >>> 3 != number) {
                        throw error("group " + number + " is closed by an end tag for field " + (tag >>> 3));
                    }
                    groupDepth--;
                    return;
                }
                skip(tag);
            }
        }

        private void skipBytes() throws InvalidOtlpException {
            int length = length(); // read first: it moves pos
            pos += length;
        }

        private void skipFixed(int size) throws InvalidOtlpException {
            if (limit - pos < size) {
                throw error(shape.name(field) + " is truncated: needs " + size + " bytes, " + (limit - pos) + " left");
            }
            pos += size;
        }

        private int readTag() throws InvalidOtlpException {
            long tag = readVarint();
            if (tag >>> 3 == 0 || tag >>> 32 != 0) {
                throw error("invalid tag " + Long.toUnsignedString(tag));
            }
            return (int) tag;
        }

        private int length() throws InvalidOtlpException {
            long length = readVarint();
            if (length > limit - pos || length < 0) {
                throw error(shape.name(field) + " is truncated: length " + Long.toUnsignedString(length)
                        + " but " + (limit - pos) + " bytes left");
            }
            return (int) length;
        }

        private long readVarint() throws InvalidOtlpException {
            long value = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                if (pos == limit) {
                    throw error(field == 0 ? "the input ends inside a tag" : shape.name(field) + " is truncated inside a varint");
                }
                byte b = buffer[pos++];
                value |= (long) (b & 0x7F) << shift;
                if (b >= 0) {
                    return value;
                }
            }
            throw error(field == 0 ? "malformed tag varint" : shape.name(field) + " has a malformed varint");
        }

        private InvalidOtlpException error(String problem) {
            StringBuilder path = new StringBuilder();
            for (int d = 1; d <= depth; d++) {
                if (d > 1) {
                    path.append('.');
                }
                path.append(pathNames[d]);
                if (pathIndexes[d] >= 0) {
                    path.append('[').append(pathIndexes[d]).append(']');
                }
            }
            return new InvalidOtlpException((depth == 0 ? "request" : path) + ": " + problem);
        }
    }
}
