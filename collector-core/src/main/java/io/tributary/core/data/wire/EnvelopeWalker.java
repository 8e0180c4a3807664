package io.tributary.core.data.wire;

import java.io.ByteArrayOutputStream;

/**
 * Walks the resource → scope → item envelope of an encoded OTLP export request, reporting byte
 * ranges only: what a caller reads inside an item, a resource or a scope is up to it.
 */
public final class EnvelopeWalker {
    private static final int DATA_POINTS_TAG = Schema.lengthDelimited(Schema.MetricData.DATA_POINTS);

    /** Told about each resource entry in order; ranges are [from, to) of the walked array. */
    @FunctionalInterface
    public interface ResourceVisitor {
        /**
         * A resource entry ({@code ResourceSpans} for traces) whose message is [from, to); its
         * tag starts at {@code entryStart}, so [entryStart, to) is a request of its own.
         */
        void resource(int entryStart, int from, int to);
    }

    /** Told about each entry in order; ranges are [from, to) of the walked array. */
    public interface Visitor extends ResourceVisitor {
        @Override
        default void resource(int entryStart, int from, int to) {
        }

        /** A scope entry of the last resource entry, whose message is [from, to). */
        default void scope(int from, int to) {
        }

        /** An item (a span for traces) of the last scope entry, whose message is [from, to). */
        void item(int from, int to);
    }

    private EnvelopeWalker() {
    }

    public static void walk(Schema schema, byte[] buf, int from, int to, Visitor visitor) {
        walkResources(schema, buf, from, to, (entryStart, resourceFrom, resourceTo) -> {
            visitor.resource(entryStart, resourceFrom, resourceTo);
            WireCursor resource = new WireCursor(buf, resourceFrom, resourceTo);
            while (resource.more()) {
                int inner = resource.tag();
                if (inner != schema.scopeEntryTag) {
                    resource.skip(inner);
                    continue;
                }
                int scopeEnd = resource.lengthEnd();
                visitor.scope(resource.pos(), scopeEnd);
                WireCursor scope = new WireCursor(buf, resource.pos(), scopeEnd);
                while (scope.more()) {
                    int itemTag = scope.tag();
                    if (itemTag != schema.itemTag) {
                        scope.skip(itemTag);
                        continue;
                    }
                    int itemEnd = scope.lengthEnd();
                    visitor.item(scope.pos(), itemEnd);
                    scope.pos(itemEnd);
                }
                resource.pos(scopeEnd);
            }
        });
    }

    /** Reports the resource entries only, not looking inside them. */
    public static void walkResources(Schema schema, byte[] buf, int from, int to, ResourceVisitor visitor) {
        WireCursor request = new WireCursor(buf, from, to);
        while (request.more()) {
            int entryStart = request.pos();
            int tag = request.tag();
            if (tag != schema.resourceEntryTag) {
                request.skip(tag);
                continue;
            }
            int resourceEnd = request.lengthEnd();
            visitor.resource(entryStart, request.pos(), resourceEnd);
            request.pos(resourceEnd);
        }
    }

    /**
     * How many items the request in [from, to) holds as its signal counts them: spans, log
     * records, or for metrics data points. Looks no deeper than the item tags (for metrics, the
     * data point tags).
     */
    public static int countItems(Schema schema, byte[] buf, int from, int to) {
        int[] count = new int[1];
        walk(schema, buf, from, to, schema == Schema.METRICS
                ? (itemFrom, itemTo) -> count[0] += metricDataPoints(buf, itemFrom, itemTo)
                : (itemFrom, itemTo) -> count[0]++);
        return count[0];
    }

    /** The data points of the encoded {@code Metric} in [from, to), whichever its type, counted as the validator counts them. */
    public static int metricDataPoints(byte[] buf, int from, int to) {
        WireCursor metric = new WireCursor(buf, from, to);
        int points = 0;
        while (metric.more()) {
            int tag = metric.tag();
            if (!isMetricData(tag)) {
                metric.skip(tag);
                continue;
            }
            int end = metric.lengthEnd();
            WireCursor data = new WireCursor(buf, metric.pos(), end);
            while (data.more()) {
                int inner = data.tag();
                if (inner == DATA_POINTS_TAG) {
                    points++;
                }
                data.skip(inner);
            }
            metric.pos(end);
        }
        return points;
    }

    private static boolean isMetricData(int tag) {
        return tag == Schema.lengthDelimited(Schema.Metric.GAUGE) || tag == Schema.lengthDelimited(Schema.Metric.SUM)
                || tag == Schema.lengthDelimited(Schema.Metric.HISTOGRAM)
                || tag == Schema.lengthDelimited(Schema.Metric.EXPONENTIAL_HISTOGRAM)
                || tag == Schema.lengthDelimited(Schema.Metric.SUMMARY);
    }

    /**
     * The fields of the envelope message in [from, to) other than its repeated {@code childTag}
     * field, bytes as they are: the resource (or scope) part of an entry, which an
     * {@link EnvelopeWriter} writes back around chosen children.
     */
    public static byte[] head(byte[] buf, int from, int to, int childTag) {
        ByteArrayOutputStream head = new ByteArrayOutputStream(64);
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int fieldStart = in.pos();
            int tag = in.tag();
            in.skip(tag);
            if (tag != childTag) {
                head.write(buf, fieldStart, in.pos() - fieldStart);
            }
        }
        return head.toByteArray();
    }
}
