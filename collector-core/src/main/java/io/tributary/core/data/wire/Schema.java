package io.tributary.core.data.wire;

/**
 * The OTLP field numbers, defined here once. Every OTLP signal wraps its items in the same
 * envelope: an export request holds repeated resource entries, each a resource and repeated
 * scope entries, each a scope and repeated items. A signal is one constant of this enum naming
 * its envelope's fields and where its items' attributes lie; the messages inside (resource,
 * scope, attributes) are shared.
 */
public enum Schema {
    TRACES("resource_spans", "scope_spans", "spans", 1, 2, 2, AttributePath.field(Span.ATTRIBUTES)),
    METRICS("resource_metrics", "scope_metrics", "metrics", 1, 2, 2, metricAttributes()),
    LOGS("resource_logs", "scope_logs", "log_records", 1, 2, 2, AttributePath.field(LogRecord.ATTRIBUTES));

    public static final int WIRETYPE_VARINT = 0;
    public static final int WIRETYPE_FIXED64 = 1;
    public static final int WIRETYPE_LENGTH_DELIMITED = 2;
    public static final int WIRETYPE_START_GROUP = 3;
    public static final int WIRETYPE_END_GROUP = 4;
    public static final int WIRETYPE_FIXED32 = 5;

    public final String resourceEntriesName;
    public final String scopeEntriesName;
    public final String itemsName;
    /** Field number of the resource entries in the export request. */
    public final int resourceEntries;
    /** Field number of the scope entries in a resource entry. */
    public final int scopeEntries;
    /** Field number of the items in a scope entry. */
    public final int items;
    public final int resourceEntryTag;
    public final int scopeEntryTag;
    public final int itemTag;
    /** Where an item's attribute lists lie: a span's and a log record's own, a metric's in each data point. */
    public final AttributePath itemAttributes;

    Schema(String resourceEntriesName, String scopeEntriesName, String itemsName, int resourceEntries,
            int scopeEntries, int items, AttributePath itemAttributes) {
        this.resourceEntriesName = resourceEntriesName;
        this.scopeEntriesName = scopeEntriesName;
        this.itemsName = itemsName;
        this.resourceEntries = resourceEntries;
        this.scopeEntries = scopeEntries;
        this.items = items;
        this.resourceEntryTag = lengthDelimited(resourceEntries);
        this.scopeEntryTag = lengthDelimited(scopeEntries);
        this.itemTag = lengthDelimited(items);
        this.itemAttributes = itemAttributes;
    }

    public static int tag(int field, int wireType) {
        return field << 3 | wireType;
    }

    /** The tag of an embedded message, string or bytes field. */
    public static int lengthDelimited(int field) {
        return tag(field, WIRETYPE_LENGTH_DELIMITED);
    }

    /** Fields of a resource entry ({@code ResourceSpans} and its twins) besides its scope entries. */
    public static final class ResourceEntry {
        public static final int RESOURCE = 1;
        public static final int SCHEMA_URL = 3;

        private ResourceEntry() {
        }
    }

    /** Fields of a scope entry ({@code ScopeSpans} and its twins) besides its items. */
    public static final class ScopeEntry {
        public static final int SCOPE = 1;
        public static final int SCHEMA_URL = 3;

        private ScopeEntry() {
        }
    }

    public static final class Resource {
        public static final int ATTRIBUTES = 1;
        public static final int DROPPED_ATTRIBUTES_COUNT = 2;
        public static final int ENTITY_REFS = 3;

        private Resource() {
        }
    }

    public static final class EntityRef {
        public static final int SCHEMA_URL = 1;
        public static final int TYPE = 2;
        public static final int ID_KEYS = 3;
        public static final int DESCRIPTION_KEYS = 4;

        private EntityRef() {
        }
    }

    public static final class Scope {
        public static final int NAME = 1;
        public static final int VERSION = 2;
        public static final int ATTRIBUTES = 3;
        public static final int DROPPED_ATTRIBUTES_COUNT = 4;

        private Scope() {
        }
    }

    public static final class Span {
        public static final int TRACE_ID = 1;
        public static final int SPAN_ID = 2;
        public static final int TRACE_STATE = 3;
        public static final int PARENT_SPAN_ID = 4;
        public static final int NAME = 5;
        public static final int KIND = 6;
        public static final int START_TIME_UNIX_NANO = 7;
        public static final int END_TIME_UNIX_NANO = 8;
        public static final int ATTRIBUTES = 9;
        public static final int DROPPED_ATTRIBUTES_COUNT = 10;
        public static final int EVENTS = 11;
        public static final int DROPPED_EVENTS_COUNT = 12;
        public static final int LINKS = 13;
        public static final int DROPPED_LINKS_COUNT = 14;
        public static final int STATUS = 15;
        public static final int FLAGS = 16;

        private Span() {
        }
    }

    public static final class Event {
        public static final int TIME_UNIX_NANO = 1;
        public static final int NAME = 2;
        public static final int ATTRIBUTES = 3;
        public static final int DROPPED_ATTRIBUTES_COUNT = 4;

        private Event() {
        }
    }

    public static final class Link {
        public static final int TRACE_ID = 1;
        public static final int SPAN_ID = 2;
        public static final int TRACE_STATE = 3;
        public static final int ATTRIBUTES = 4;
        public static final int DROPPED_ATTRIBUTES_COUNT = 5;
        public static final int FLAGS = 6;

        private Link() {
        }
    }

    public static final class Status {
        public static final int MESSAGE = 2;
        public static final int CODE = 3;

        private Status() {
        }
    }

    public static final class LogRecord {
        public static final int TIME_UNIX_NANO = 1;
        public static final int SEVERITY_NUMBER = 2;
        public static final int SEVERITY_TEXT = 3;
        public static final int BODY = 5;
        public static final int ATTRIBUTES = 6;
        public static final int DROPPED_ATTRIBUTES_COUNT = 7;
        public static final int FLAGS = 8;
        public static final int TRACE_ID = 9;
        public static final int SPAN_ID = 10;
        public static final int OBSERVED_TIME_UNIX_NANO = 11;
        public static final int EVENT_NAME = 12;

        private LogRecord() {
        }
    }

    public static final class Metric {
        public static final int NAME = 1;
        public static final int DESCRIPTION = 2;
        public static final int UNIT = 3;
        /** The fields that hold the metric's data, one per metric type (a oneof). */
        public static final int GAUGE = 5;
        public static final int SUM = 7;
        public static final int HISTOGRAM = 9;
        public static final int EXPONENTIAL_HISTOGRAM = 10;
        public static final int SUMMARY = 11;
        public static final int METADATA = 12;

        private Metric() {
        }
    }

    /** {@code Gauge}, {@code Sum}, {@code Histogram}, {@code ExponentialHistogram}, {@code Summary}: each has the fields it needs of these. */
    public static final class MetricData {
        public static final int DATA_POINTS = 1;
        public static final int AGGREGATION_TEMPORALITY = 2;
        public static final int IS_MONOTONIC = 3;

        private MetricData() {
        }
    }

    /** In a gauge or a sum. */
    public static final class NumberDataPoint {
        public static final int START_TIME_UNIX_NANO = 2;
        public static final int TIME_UNIX_NANO = 3;
        public static final int AS_DOUBLE = 4;
        public static final int EXEMPLARS = 5;
        public static final int AS_INT = 6;
        public static final int ATTRIBUTES = 7;
        public static final int FLAGS = 8;

        private NumberDataPoint() {
        }
    }

    public static final class HistogramDataPoint {
        public static final int START_TIME_UNIX_NANO = 2;
        public static final int TIME_UNIX_NANO = 3;
        public static final int COUNT = 4;
        public static final int SUM = 5;
        public static final int BUCKET_COUNTS = 6;
        public static final int EXPLICIT_BOUNDS = 7;
        public static final int EXEMPLARS = 8;
        public static final int ATTRIBUTES = 9;
        public static final int FLAGS = 10;
        public static final int MIN = 11;
        public static final int MAX = 12;

        private HistogramDataPoint() {
        }
    }

    public static final class ExponentialHistogramDataPoint {
        public static final int ATTRIBUTES = 1;
        public static final int START_TIME_UNIX_NANO = 2;
        public static final int TIME_UNIX_NANO = 3;
        public static final int COUNT = 4;
        public static final int SUM = 5;
        public static final int SCALE = 6;
        public static final int ZERO_COUNT = 7;
        public static final int POSITIVE = 8;
        public static final int NEGATIVE = 9;
        public static final int FLAGS = 10;
        public static final int EXEMPLARS = 11;
        public static final int MIN = 12;
        public static final int MAX = 13;
        public static final int ZERO_THRESHOLD = 14;

        private ExponentialHistogramDataPoint() {
        }
    }

    /** {@code ExponentialHistogramDataPoint.Buckets}. */
    public static final class Buckets {
        public static final int OFFSET = 1;
        public static final int BUCKET_COUNTS = 2;

        private Buckets() {
        }
    }

    public static final class SummaryDataPoint {
        public static final int START_TIME_UNIX_NANO = 2;
        public static final int TIME_UNIX_NANO = 3;
        public static final int COUNT = 4;
        public static final int SUM = 5;
        public static final int QUANTILE_VALUES = 6;
        public static final int ATTRIBUTES = 7;
        public static final int FLAGS = 8;

        private SummaryDataPoint() {
        }
    }

    /** {@code SummaryDataPoint.ValueAtQuantile}. */
    public static final class ValueAtQuantile {
        public static final int QUANTILE = 1;
        public static final int VALUE = 2;

        private ValueAtQuantile() {
        }
    }

    public static final class Exemplar {
        public static final int TIME_UNIX_NANO = 2;
        public static final int AS_DOUBLE = 3;
        public static final int SPAN_ID = 4;
        public static final int TRACE_ID = 5;
        public static final int AS_INT = 6;
        public static final int FILTERED_ATTRIBUTES = 7;

        private Exemplar() {
        }
    }

    /** A metric has no attributes of its own: each data point of whichever type it is has them. */
    private static AttributePath metricAttributes() {
        return AttributePath.inside(Metric.GAUGE, dataPoints(NumberDataPoint.ATTRIBUTES))
                .orInside(Metric.SUM, dataPoints(NumberDataPoint.ATTRIBUTES))
                .orInside(Metric.HISTOGRAM, dataPoints(HistogramDataPoint.ATTRIBUTES))
                .orInside(Metric.EXPONENTIAL_HISTOGRAM, dataPoints(ExponentialHistogramDataPoint.ATTRIBUTES))
                .orInside(Metric.SUMMARY, dataPoints(SummaryDataPoint.ATTRIBUTES));
    }

    private static AttributePath dataPoints(int attributes) {
        return AttributePath.inside(MetricData.DATA_POINTS, AttributePath.field(attributes));
    }

    public static final class KeyValue {
        public static final int KEY = 1;
        public static final int VALUE = 2;
        public static final int KEY_STRINDEX = 3;

        private KeyValue() {
        }
    }

    public static final class AnyValue {
        public static final int STRING_VALUE = 1;
        public static final int BOOL_VALUE = 2;
        public static final int INT_VALUE = 3;
        public static final int DOUBLE_VALUE = 4;
        public static final int ARRAY_VALUE = 5;
        public static final int KVLIST_VALUE = 6;
        public static final int BYTES_VALUE = 7;
        public static final int STRING_VALUE_STRINDEX = 8;

        private AnyValue() {
        }
    }

    /** {@code ArrayValue.values} and {@code KeyValueList.values}. */
    public static final int LIST_VALUES = 1;
}
