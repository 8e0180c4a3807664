package io.tributary.connector.spanmetrics;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.MalformedWireException;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.SpanFields;
import io.tributary.core.data.wire.WireCursor;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns spans into series, read where they lie in the encoded request: per resource (skipped
 * without {@code service.name}, as otelcol), each span adds to its {@code calls} series, its
 * duration to its {@code duration} series, and each of its events to an {@code events} series.
 * A span's series key is written into one scratch buffer and looked up with it; a series'
 * attributes (values typed as the span has them) are built only when the series is new. Not
 * thread-safe: the connector holds its lock around each call.
 */
final class Aggregator {
    private static final String SERVICE_NAME = "service.name";
    private static final String SPAN_NAME = "span.name";
    private static final String SPAN_KIND = "span.kind";
    private static final String STATUS_CODE = "status.code";
    private static final String SCOPE_NAME = "span.instrumentation.scope.name";
    private static final String SCOPE_VERSION = "span.instrumentation.scope.version";
    private static final String SAMPLING_METHOD = "sampling.method";
    private static final byte[] SERVICE_NAME_UTF8 = utf8(SERVICE_NAME);
    private static final String[] KINDS = {"SPAN_KIND_UNSPECIFIED", "SPAN_KIND_INTERNAL", "SPAN_KIND_SERVER",
        "SPAN_KIND_CLIENT", "SPAN_KIND_PRODUCER", "SPAN_KIND_CONSUMER"};
    private static final String[] STATUSES = {"STATUS_CODE_UNSET", "STATUS_CODE_OK", "STATUS_CODE_ERROR"};
    private static final byte[][] KINDS_UTF8 = Arrays.stream(KINDS).map(Aggregator::utf8).toArray(byte[][]::new);
    private static final byte[][] STATUSES_UTF8 = Arrays.stream(STATUSES).map(Aggregator::utf8).toArray(byte[][]::new);
    private static final byte[] NO_TEXT = {};
    private static final byte[] EXTRAPOLATED = utf8("extrapolated");
    private static final byte[] COUNTED = utf8("counted");
    private static final int RESOURCE = Schema.lengthDelimited(Schema.ResourceEntry.RESOURCE);
    private static final int SCOPE = Schema.lengthDelimited(Schema.ScopeEntry.SCOPE);
    private static final int SCOPE_NAME_TAG = Schema.lengthDelimited(Schema.Scope.NAME);
    private static final int SCOPE_VERSION_TAG = Schema.lengthDelimited(Schema.Scope.VERSION);
    private static final int ATTRIBUTE = Schema.lengthDelimited(Schema.Resource.ATTRIBUTES);
    private static final int KEY = Schema.lengthDelimited(Schema.KeyValue.KEY);
    private static final int STRING_VALUE = Schema.lengthDelimited(Schema.AnyValue.STRING_VALUE);

    /** Where a dimension's value comes from for the current span (or event). */
    private enum Source { NONE, SPAN, EVENT, RESOURCE, DEFAULT }

    private final SpanMetricsConfig config;
    private final boolean keyService;
    private final boolean keySpanName;
    private final boolean keyKind;
    private final boolean keyStatus;
    private final DimensionList callDimensions;
    private final DimensionList durationDimensions;
    private final DimensionList eventDimensions;
    /** With no dimensions of their own, calls and durations share a key: it is written once per span. */
    private final boolean durationKeyIsCallKey;
    private final AttributeScan spanValues;
    private final AttributeScan eventValues;
    private final AttributeScan resourceValues;
    private final Set<String> includedScopes;
    /** The resource attributes that tell resources apart; null: all of them. */
    private final byte[][] resourceKeyNames;
    private final double unitNanos;
    private final int maxExemplars;
    private final long expirationNanos;
    private final ResourceCache resources;

    private final SpanFields span = new SpanFields();
    private final BytesKey key = new BytesKey();
    private final BytesKey resourceKey = new BytesKey();
    private final BytesKey rawResource = new BytesKey();
    /**
     * Resource keys by the resource's bytes as they arrived, at most as many as the cache holds:
     * a client sends the same bytes request after request, so the attributes are sorted once.
     */
    private final Map<BytesKey, BytesKey> resourceKeys = new HashMap<>();
    private final AdjustedCount adjustedCount = new AdjustedCount();
    private final EnvelopeWalker.Visitor walker = new Walker();
    private final SpanFields.EventVisitor eventCounter = this::addEvent;
    private final SeriesTable.Attributes callAttributes;
    private final SeriesTable.Attributes durationAttributes;
    private final SeriesTable.Attributes eventAttributes;
    /** Scratch for the resource key: each attribute's KeyValue range and key range, in sort order. */
    private int[] attributeRanges = new int[64];

    // The request being read.
    private byte[] buf;
    private long startUnixNano;
    /** The current resource's series; null while skipping a resource without service.name. */
    private ResourceSeries resource;
    private int serviceFrom;
    private int serviceTo;
    private List<KeyValue> scopeAttributes = List.of();
    private double duration;
    private boolean exemplar;

    Aggregator(SpanMetricsConfig config) {
        this.config = config;
        List<String> exclude = config.excludeDimensions();
        keyService = !exclude.contains(SERVICE_NAME);
        keySpanName = !exclude.contains(SPAN_NAME);
        keyKind = !exclude.contains(SPAN_KIND);
        keyStatus = !exclude.contains(STATUS_CODE);
        List<String> names = new ArrayList<>();
        callDimensions = new DimensionList(DimensionList.concat(config.dimensions(), config.callsDimensions()), names);
        durationDimensions = new DimensionList(DimensionList.concat(config.dimensions(), config.histogram().dimensions()), names);
        eventDimensions = new DimensionList(DimensionList.concat(config.dimensions(), config.events().dimensions()), names);
        durationKeyIsCallKey = config.callsDimensions().isEmpty() && config.histogram().dimensions().isEmpty();
        byte[][] nameBytes = names.stream().map(Aggregator::utf8).toArray(byte[][]::new);
        spanValues = new AttributeScan(nameBytes);
        eventValues = new AttributeScan(nameBytes);
        resourceValues = new AttributeScan(nameBytes);
        includedScopes = Set.copyOf(config.includeInstrumentationScope());
        resourceKeyNames = config.resourceMetricsKeyAttributes().isEmpty() ? null
                : config.resourceMetricsKeyAttributes().stream().map(Aggregator::utf8).toArray(byte[][]::new);
        unitNanos = config.histogram().unit().nanos;
        maxExemplars = config.exemplars().enabled() ? config.exemplars().maxPerDataPoint() : -1;
        expirationNanos = config.metricsExpiration().toNanos();
        resources = new ResourceCache(config.resourceMetricsCacheSize());
        callAttributes = () -> attributes(callDimensions, false);
        durationAttributes = () -> attributes(durationDimensions, false);
        eventAttributes = () -> attributes(eventDimensions, true);
    }

    /** Adds every span of the batch; series made now start at {@code nowUnixNano}. */
    void add(Traces traces, long nowUnixNano) {
        FlatBytes bytes = FlatBytes.of(traces.encoded());
        buf = bytes.array();
        startUnixNano = nowUnixNano;
        adjustedCount.newBatch();
        try {
            EnvelopeWalker.walk(Schema.TRACES, buf, bytes.from(), bytes.to(), walker);
        } finally {
            buf = null;
            resource = null;
        }
    }

    /**
     * After a flush wrote the series: delta forgets them all; cumulative forgets the resources
     * pushed out of the cache and the exemplars, and pushes out the resources
     * {@code metrics_expiration} finds stale (so they are written once more, as in otelcol).
     */
    void afterFlush(long nowUnixNano) {
        if (config.delta()) {
            resources.clear();
            return;
        }
        resources.dropEvicted();
        if (maxExemplars >= 0) {
            resources.all().forEach(ResourceSeries::clearExemplars);
        }
        if (expirationNanos > 0) {
            resources.expire(nowUnixNano - expirationNanos);
        }
    }

    ResourceCache resources() {
        return resources;
    }

    private final class Walker implements EnvelopeWalker.Visitor {
        @Override
        public void resource(int entryStart, int from, int to) {
            startResource(from, to);
        }

        @Override
        public void scope(int from, int to) {
            if (resource != null) {
                startScope(from, to);
            }
        }

        @Override
        public void item(int from, int to) {
            if (resource != null) {
                addSpan(from, to);
            }
        }
    }

    private void startResource(int entryFrom, int entryTo) {
        resource = null;
        int[] range = field(entryFrom, entryTo, RESOURCE);
        if (range == null) {
            return;
        }
        int from = range[0];
        int to = range[1];
        Attributes.Value service = Attributes.find(buf, from, to, Schema.Resource.ATTRIBUTES, SERVICE_NAME_UTF8);
        if (service == null) {
            return;
        }
        // pdata's Str(): the text of a string value, "" for any other type.
        int[] text = stringValue(service.from(), service.to());
        serviceFrom = text == null ? 0 : text[0];
        serviceTo = text == null ? 0 : text[1];
        resourceValues.scan(buf, from, to, Schema.Resource.ATTRIBUTES);
        BytesKey key = resourceKey(from, to);
        resource = resources.get(key);
        if (resource == null) {
            resource = newResource(from, to);
            resources.put(key, resource);
        }
        if (expirationNanos > 0) {
            resource.lastSeenUnixNano = startUnixNano;
        }
    }

    private ResourceSeries newResource(int from, int to) {
        List<KeyValue> attributes;
        try {
            attributes = Resource.parseFrom(ByteBuffer.wrap(buf, from, to - from)).getAttributesList();
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedWireException("resource: " + e.getMessage());
        }
        int limit = config.aggregationCardinalityLimit();
        SeriesTable<? extends Series> durations = null;
        if (!config.histogram().disable()) {
            durations = new SeriesTable<>(durationFactory(), limit, maxExemplars);
        }
        return new ResourceSeries(attributes, new SeriesTable<>(CallCount::new, limit, maxExemplars), durations,
                new SeriesTable<>(CallCount::new, limit, maxExemplars));
    }

    private Series.Factory<? extends Series> durationFactory() {
        SpanMetricsConfig.HistogramConfig histogram = config.histogram();
        if (histogram.exponential() != null) {
            int maxSize = histogram.exponential().maxSize();
            return (attributes, start, overflow, exemplars) -> new ExponentialSeries(maxSize, attributes, start, overflow, exemplars);
        }
        double[] bounds = bounds(histogram);
        return (attributes, start, overflow, exemplars) -> new ExplicitHistogram(bounds, attributes, start, overflow, exemplars);
    }

    /** otelcol's bounds in the unit: the configured buckets, or its default ones (in ms: 2, 4, 6, …, 15000). */
    static double[] bounds(SpanMetricsConfig.HistogramConfig histogram) {
        double unitNanos = histogram.unit().nanos;
        if (histogram.explicit() != null) {
            return histogram.explicit().buckets().stream().mapToDouble(d -> d.toNanos() / unitNanos).toArray();
        }
        double[] millis = {2, 4, 6, 8, 10, 50, 100, 200, 400, 800, 1000, 1400, 2000, 5000, 10_000, 15_000};
        return histogram.unit() == SpanMetricsConfig.DurationUnit.MS ? millis
                : Arrays.stream(millis).map(ms -> ms / 1000).toArray();
    }

    private BytesKey resourceKey(int from, int to) {
        rawResource.reset();
        rawResource.put(buf, from, to);
        BytesKey key = resourceKeys.get(rawResource.done());
        if (key == null) {
            if (resourceKeys.size() >= config.resourceMetricsCacheSize()) {
                resourceKeys.clear();
            }
            writeResourceKey(from, to);
            key = resourceKey.copy();
            resourceKeys.put(rawResource.copy(), key);
        }
        return key;
    }

    /**
     * The resource's identity as otelcol hashes it: its attributes (or only those named by
     * {@code resource_metrics_key_attributes}) as a set, here their encoded KeyValues sorted by key.
     */
    private void writeResourceKey(int from, int to) {
        int count = 0;
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            if (tag != ATTRIBUTE) {
                in.skip(tag);
                continue;
            }
            int end = in.lengthEnd();
            int[] name = field(in.pos(), end, KEY);
            int keyFrom = name == null ? in.pos() : name[0];
            int keyTo = name == null ? in.pos() : name[1];
            if (resourceKeyNames == null || named(keyFrom, keyTo)) {
                if (4 * count + 4 > attributeRanges.length) {
                    attributeRanges = Arrays.copyOf(attributeRanges, attributeRanges.length * 2);
                }
                int at = count++;
                // insertion sort by key: a resource has a few dozen attributes at most
                while (at > 0 && Arrays.compare(buf, keyFrom, keyTo, buf, attributeRanges[4 * (at - 1) + 2],
                        attributeRanges[4 * (at - 1) + 3]) < 0) {
                    System.arraycopy(attributeRanges, 4 * (at - 1), attributeRanges, 4 * at, 4);
                    at--;
                }
                attributeRanges[4 * at] = in.pos();
                attributeRanges[4 * at + 1] = end;
                attributeRanges[4 * at + 2] = keyFrom;
                attributeRanges[4 * at + 3] = keyTo;
            }
            in.pos(end);
        }
        resourceKey.reset();
        for (int i = 0; i < count; i++) {
            resourceKey.putInt(attributeRanges[4 * i + 1] - attributeRanges[4 * i]);
            resourceKey.put(buf, attributeRanges[4 * i], attributeRanges[4 * i + 1]);
        }
        resourceKey.done();
    }

    private boolean named(int from, int to) {
        for (byte[] name : resourceKeyNames) {
            if (Arrays.equals(buf, from, to, name, 0, name.length)) {
                return true;
            }
        }
        return false;
    }

    private void startScope(int from, int to) {
        scopeAttributes = List.of();
        if (includedScopes.isEmpty()) {
            return;
        }
        int[] scope = field(from, to, SCOPE);
        if (scope == null) {
            return;
        }
        int[] name = field(scope[0], scope[1], SCOPE_NAME_TAG);
        String scopeName = name == null ? "" : text(name[0], name[1]);
        if (scopeName.isEmpty() || !includedScopes.contains(scopeName)) {
            return;
        }
        List<KeyValue> attributes = new ArrayList<>(2);
        attributes.add(stringAttribute(SCOPE_NAME, scopeName));
        int[] version = field(scope[0], scope[1], SCOPE_VERSION_TAG);
        if (version != null && version[1] > version[0]) {
            attributes.add(stringAttribute(SCOPE_VERSION, text(version[0], version[1])));
        }
        scopeAttributes = attributes;
    }

    private void addSpan(int from, int to) {
        span.read(buf, from, to);
        long start = span.startTimeUnixNano();
        long end = span.endTimeUnixNano();
        // otelcol takes an end before the start as a duration of 0
        duration = Long.compareUnsigned(end, start) > 0 ? unsignedToDouble(end - start) / unitNanos : 0;
        adjustedCount.read(buf, span.traceStateFrom(), span.traceStateTo());
        spanValues.scan(buf, from, to, Schema.Span.ATTRIBUTES);
        exemplar = maxExemplars >= 0 && !Exemplars.emptyId(buf, span.traceIdFrom(), span.traceIdTo());
        writeKey(callDimensions, false);
        record(resource.calls.get(key, callAttributes, startUnixNano));
        if (resource.durations != null) {
            if (!durationKeyIsCallKey) {
                writeKey(durationDimensions, false);
            }
            record(resource.durations.get(key, durationAttributes, startUnixNano));
        }
        if (config.events().enabled()) {
            span.events(eventCounter);
        }
    }

    private void addEvent(byte[] eventBuf, int from, int to) {
        eventValues.scan(eventBuf, from, to, Schema.Event.ATTRIBUTES);
        writeKey(eventDimensions, true);
        record(resource.events.get(key, eventAttributes, startUnixNano));
    }

    private void record(Series series) {
        if (exemplar && !series.overflow) {
            series.exemplars.add(buf, span.traceIdFrom(), span.traceIdTo(), span.spanIdFrom(), span.spanIdTo(), duration);
        }
        series.record(duration, adjustedCount.count());
    }

    /** otelcol's metric key: service name, span name, kind, status (those not excluded), then each dimension that has a value. */
    private void writeKey(DimensionList dimensions, boolean event) {
        key.reset();
        if (keyService) {
            key.put(buf, serviceFrom, serviceTo);
        }
        if (keySpanName) {
            key.separator();
            key.put(buf, span.nameFrom(), span.nameTo());
        }
        if (keyKind) {
            key.separator();
            key.put(text(KINDS_UTF8, span.kind()));
        }
        if (keyStatus) {
            key.separator();
            key.put(text(STATUSES_UTF8, span.statusCode()));
        }
        for (int i = 0; i < dimensions.size(); i++) {
            int name = dimensions.nameIndexes[i];
            Source source = source(dimensions, i, event);
            if (source == Source.NONE) {
                continue;
            }
            key.separator();
            if (source == Source.DEFAULT) {
                key.put(dimensions.defaultText[i]);
            } else {
                AttributeScan values = scan(source);
                LabelText.append(key, buf, values.from(name), values.to(name));
            }
        }
        if (config.enableMetricsSamplingMethod()) {
            key.separator();
            key.put(adjustedCount.adjusted() ? EXTRAPOLATED : COUNTED);
        }
        key.done();
    }

    /** otelcol's lookup: the span's attributes, then the event's (for the events metric), then the resource's, then the default. */
    private Source source(DimensionList dimensions, int i, boolean event) {
        int name = dimensions.nameIndexes[i];
        if (spanValues.found(name)) {
            return Source.SPAN;
        }
        if (event && eventValues.found(name)) {
            return Source.EVENT;
        }
        if (resourceValues.found(name)) {
            return Source.RESOURCE;
        }
        return dimensions.defaultText[i] != null ? Source.DEFAULT : Source.NONE;
    }

    private AttributeScan scan(Source source) {
        return source == Source.SPAN ? spanValues : source == Source.EVENT ? eventValues : resourceValues;
    }

    /** A new series' attributes, in otelcol's order; dimension values keep their type, defaults are strings. */
    private List<KeyValue> attributes(DimensionList dimensions, boolean event) {
        Map<String, AnyValue> attributes = new LinkedHashMap<>();
        if (keyService) {
            attributes.put(SERVICE_NAME, string(text(serviceFrom, serviceTo)));
        }
        if (keySpanName) {
            attributes.put(SPAN_NAME, string(text(span.nameFrom(), span.nameTo())));
        }
        if (keyKind) {
            attributes.put(SPAN_KIND, string(span.kind() >= 0 && span.kind() < KINDS.length ? KINDS[span.kind()] : ""));
        }
        if (keyStatus) {
            int status = span.statusCode();
            attributes.put(STATUS_CODE, string(status >= 0 && status < STATUSES.length ? STATUSES[status] : ""));
        }
        scopeAttributes.forEach(attribute -> attributes.put(attribute.getKey(), attribute.getValue()));
        if (config.enableMetricsSamplingMethod()) {
            attributes.put(SAMPLING_METHOD, string(adjustedCount.adjusted() ? "extrapolated" : "counted"));
        }
        for (int i = 0; i < dimensions.size(); i++) {
            int name = dimensions.nameIndexes[i];
            Source source = source(dimensions, i, event);
            if (source == Source.DEFAULT) {
                attributes.put(dimensions.attributeNames[i], dimensions.defaultValue[i]);
            } else if (source != Source.NONE) {
                AttributeScan values = scan(source);
                attributes.put(dimensions.attributeNames[i], LabelText.decode(buf, values.from(name), values.to(name)));
            }
        }
        List<KeyValue> list = new ArrayList<>(attributes.size());
        attributes.forEach((key, value) -> list.add(KeyValue.newBuilder().setKey(key).setValue(value).build()));
        return list;
    }

    /** The [from, to) of the first field with this tag in the message [from, to), or null. */
    private int[] field(int from, int to, int tag) {
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int found = in.tag();
            if (found == tag) {
                int end = in.lengthEnd();
                return new int[] {in.pos(), end};
            }
            in.skip(found);
        }
        return null;
    }

    /** The text range of an encoded AnyValue that is a string (the last value field wins), or null. */
    private int[] stringValue(int from, int to) {
        int[] text = null;
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            if (tag == STRING_VALUE) {
                int end = in.lengthEnd();
                text = new int[] {in.pos(), end};
                in.pos(end);
            } else {
                text = null;
                in.skip(tag);
            }
        }
        return text;
    }

    private String text(int from, int to) {
        return new String(buf, from, to - from, StandardCharsets.UTF_8);
    }

    /** otelcol's text of a span kind or status code; "" for a number it does not know. */
    private static byte[] text(byte[][] names, int number) {
        return number >= 0 && number < names.length ? names[number] : NO_TEXT;
    }

    /** Go's float64 of a uint64: the nearest double. */
    private static double unsignedToDouble(long value) {
        return value >= 0 ? value : ((value >>> 1) | (value & 1)) * 2.0;
    }

    private static AnyValue string(String value) {
        return AnyValue.newBuilder().setStringValue(value).build();
    }

    private static KeyValue stringAttribute(String key, String value) {
        return KeyValue.newBuilder().setKey(key).setValue(string(value)).build();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
