package io.tributary.connector.servicegraph;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.UnsafeByteOperations;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Connector;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.Traces;
import io.tributary.core.data.wire.Attributes;
import io.tributary.core.data.wire.EnvelopeWalker;
import io.tributary.core.data.wire.FlatBytes;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.SpanFields;
import io.tributary.core.data.wire.WireCursor;
import io.tributary.core.telemetry.ScopeMeter;
import io.tributary.processor.filtermatch.AttributeValues;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * otelcol's {@code servicegraph} connector: pairs each client (or producer) span with the server
 * (or consumer) span whose parent it is, in the same trace, into an edge between their services,
 * and counts requests, failures and both sides' latencies per edge series, flushed as cumulative
 * metrics. Spans are read where they lie in the encoded request; one lock guards the store and
 * the series, as the pairing of one span may complete an edge another thread started.
 */
final class ServiceGraphConnector implements Connector<Traces> {
    /** otelcol's meter name for the connector's own metrics: its Go package. */
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/connector/servicegraphconnector";
    /** otelcol's default bounds, in seconds. */
    static final double[] DEFAULT_BOUNDS = {0.002, 0.004, 0.006, 0.008, 0.01, 0.05, 0.1, 0.2, 0.4, 0.8, 1, 1.4, 2, 5, 10, 15};

    private static final Logger log = LoggerFactory.getLogger(ServiceGraphConnector.class);
    private static final byte[] SERVICE_NAME = utf8("service.name");
    private static final int RESOURCE = Schema.lengthDelimited(Schema.ResourceEntry.RESOURCE);
    private static final int SPAN_KIND_SERVER = 2;
    private static final int SPAN_KIND_CLIENT = 3;
    private static final int SPAN_KIND_PRODUCER = 4;
    private static final int SPAN_KIND_CONSUMER = 5;
    private static final int STATUS_CODE_ERROR = 2;
    private static final String USER = "user";
    private static final String UNKNOWN_PEER = "unknown";

    private final ComponentContext context;
    private final ServiceGraphConfig config;
    private final SignalConsumer<Metrics> next;
    private final Clock clock;
    private final long startNanos;
    private final byte[][] dimensions;
    private final byte[][] peerAttributes;
    private final byte[][] databaseNameAttributes;
    private final EdgeStore store;
    private final ServiceGraphSeries series;
    private final Counter droppedSpans;
    private final Counter expiredEdges;
    private final Counter totalEdges;
    private final List<ScheduledFuture<?>> loops = new ArrayList<>();

    ServiceGraphConnector(ComponentContext context, ServiceGraphConfig config, SignalConsumer<Metrics> next) {
        this.context = context;
        this.config = config;
        this.next = next;
        this.clock = context.clock();
        this.startNanos = epochNanos(clock.instant());
        this.dimensions = utf8(config.dimensions());
        this.peerAttributes = utf8(config.virtualNodePeerAttributes());
        this.databaseNameAttributes = utf8(config.databaseNameAttributesInEffect());
        this.store = new EdgeStore(() -> epochNanos(clock.instant()), config.store().ttl().toNanos(), config.store().maxItems(),
                dimensions.length, this::complete, this::expire);
        this.series = new ServiceGraphSeries(config.dimensions(), config.virtualNodeExtraLabel(),
                Latencies.of(config.exponentialHistogramMaxSize(), bounds(config)));
        ScopeMeter meter = context.telemetry().meter(SCOPE);
        droppedSpans = meter.counter("otelcol_connector_servicegraph_dropped_spans",
                "Number of spans dropped when trying to add edges [Development]", "1", Tags.empty());
        expiredEdges = meter.counter("otelcol_connector_servicegraph_expired_edges",
                "Number of edges that expired before finding its matching span [Development]", "1", Tags.empty());
        totalEdges = meter.counter("otelcol_connector_servicegraph_total_edges", "Total number of unique edges [Development]", "1",
                Tags.empty());
        if (config.flushesEveryBatch()) {
            log(log.atWarn()).log("MetricsFlushInterval is set to 0, metrics will be flushed on every received batch of traces");
        }
    }

    /** The configured buckets as otelcol converts them (Go's {@code Duration.Seconds}), else its defaults. */
    private static double[] bounds(ServiceGraphConfig config) {
        List<Duration> buckets = config.latencyHistogramBuckets();
        if (buckets == null) {
            return DEFAULT_BOUNDS;
        }
        double[] bounds = new double[buckets.size()];
        for (int i = 0; i < bounds.length; i++) {
            long nanos = buckets.get(i).toNanos();
            bounds[i] = (double) (nanos / 1_000_000_000L) + (double) (nanos % 1_000_000_000L) / 1e9;
        }
        return bounds;
    }

    @Override
    public synchronized void start(Host host) {
        Duration flushInterval = config.metricsFlushInterval();
        if (!config.flushesEveryBatch()) {
            schedule(this::flush, flushInterval);
        }
        schedule(this::removeStaleSeries, config.cacheLoopInEffect());
        schedule(this::expireEdges, config.storeExpirationLoopInEffect());
        log(log.atInfo()).log("Started servicegraphconnector");
    }

    private void schedule(Runnable task, Duration interval) {
        long nanos = interval.toNanos();
        loops.add(context.scheduler().scheduleAtFixedRate(task, nanos, nanos, TimeUnit.NANOSECONDS));
    }

    /** As otelcol, what has not been flushed yet is not flushed at shutdown. */
    @Override
    public synchronized void shutdown() {
        if (!loops.isEmpty()) {
            log(log.atInfo()).log("Shutting down servicegraphconnector");
        }
        loops.forEach(loop -> loop.cancel(false));
        loops.clear();
    }

    @Override
    public void consume(Traces data) {
        FlatBytes request = FlatBytes.of(data.encoded());
        synchronized (this) {
            EnvelopeWalker.walk(Schema.TRACES, request.array(), request.from(), request.to(), new SpanReader(request.array()));
        }
        if (config.flushesEveryBatch()) {
            flush();
        }
    }

    /** Sends every series' cumulative values downstream, unless there is none; a refusal is logged, as otelcol does. */
    void flush() {
        ExportMetricsServiceRequest metrics;
        synchronized (this) {
            metrics = series.metrics(startNanos, epochNanos(clock.instant().minus(config.metricsTimestampOffset())));
        }
        if (metrics == null) {
            return;
        }
        try {
            next.consume(Metrics.of(metrics));
        } catch (RuntimeException e) {
            log(log.atError()).addKeyValue("error", e.getMessage()).log("failed to flush metrics");
        }
    }

    /** The store expiration loop: edges whose other span never came. */
    synchronized void expireEdges() {
        store.expire();
    }

    /** The cache loop: series no edge has updated for 15 minutes. */
    synchronized void removeStaleSeries() {
        series.removeStale(clock.millis());
    }

    synchronized int heldEdges() {
        return store.size();
    }

    synchronized int seriesCount() {
        return series.size();
    }

    private void complete(Edge edge) {
        series.record(edge, clock.millis());
    }

    /**
     * otelcol's virtual nodes: an expired edge becomes a request from the user (a server span
     * without a parent) or to the uninstrumented peer named by the client span's peer
     * attributes ("unknown" without one); with no peer attributes configured it is only counted.
     */
    private void expire(Edge edge) {
        expiredEdges.increment();
        if (peerAttributes.length == 0) {
            return;
        }
        edge.connectionType = Edge.VIRTUAL_NODE;
        if (edge.clientService.isEmpty() && edge.key.spanIdIsEmpty()) {
            edge.clientService = USER;
            if (config.virtualNodeExtraLabel()) {
                edge.virtualNode = "client";
            }
            complete(edge);
        }
        if (edge.serverService.isEmpty()) {
            edge.serverService = edge.peer != null ? edge.peer : UNKNOWN_PEER;
            if (config.virtualNodeExtraLabel()) {
                edge.virtualNode = "server";
            }
            complete(edge);
        }
    }

    /** Offers each client, producer, server and consumer span of a request to the store. */
    private final class SpanReader implements EnvelopeWalker.Visitor {
        private final byte[] buf;
        private final SpanFields span = new SpanFields();
        private int resourceFrom;
        private int resourceTo;
        /** Null when the resource has no {@code service.name}: otelcol skips its spans. */
        private String serviceName;
        /** The resource's value of each dimension, which wins over the span's; null where it has none. */
        private String[] resourceDimensions;
        private String[] resourceDatabaseNames;

        SpanReader(byte[] buf) {
            this.buf = buf;
        }

        @Override
        public void resource(int entryStart, int from, int to) {
            resourceFrom = from;
            resourceTo = to;
            serviceName = resourceAttribute(SERVICE_NAME);
            if (serviceName != null) {
                resourceDimensions = resourceAttributes(dimensions);
                resourceDatabaseNames = resourceAttributes(databaseNameAttributes);
            }
        }

        @Override
        public void item(int from, int to) {
            if (serviceName == null) {
                return;
            }
            span.read(buf, from, to);
            EdgeStore.Outcome outcome;
            switch (span.kind()) {
                case SPAN_KIND_CLIENT, SPAN_KIND_PRODUCER -> outcome = store.upsert(
                        EdgeKey.of(buf, span.traceIdFrom(), span.traceIdTo(), span.spanIdFrom(), span.spanIdTo()), this::client);
                case SPAN_KIND_SERVER, SPAN_KIND_CONSUMER -> outcome = store.upsert(
                        EdgeKey.of(buf, span.traceIdFrom(), span.traceIdTo(), span.parentSpanIdFrom(), span.parentSpanIdTo()),
                        this::server);
                default -> {
                    return;
                }
            }
            if (outcome == EdgeStore.Outcome.DROPPED) {
                droppedSpans.increment();
            } else if (outcome == EdgeStore.Outcome.NEW) {
                totalEdges.increment();
            }
        }

        private void client(Edge edge) {
            double latency = latencySeconds();
            edge.connectionType = span.kind() == SPAN_KIND_PRODUCER ? Edge.MESSAGING_SYSTEM : Edge.UNSET;
            edge.clientService = serviceName;
            edge.clientLatencySeconds = latency;
            edge.failed |= span.statusCode() == STATUS_CODE_ERROR;
            dimensions(edge.clientDimensions);
            for (int i = 0; i < peerAttributes.length; i++) {
                String peer = spanAttribute(peerAttributes[i]);
                if (peer != null) {
                    edge.peer(i, peer);
                    break;
                }
            }
            // A database call has no server span: the client span stands for both sides.
            String database = databaseName();
            if (database != null) {
                edge.connectionType = Edge.DATABASE;
                edge.serverService = database;
                edge.serverLatencySeconds = latency;
            }
        }

        private void server(Edge edge) {
            edge.connectionType = span.kind() == SPAN_KIND_CONSUMER ? Edge.MESSAGING_SYSTEM : Edge.UNSET;
            edge.serverService = serviceName;
            edge.serverLatencySeconds = latencySeconds();
            edge.failed |= span.statusCode() == STATUS_CODE_ERROR;
            dimensions(edge.serverDimensions);
        }

        /** Each dimension's value, the resource's before the span's; a dimension neither has keeps what the edge held. */
        private void dimensions(String[] values) {
            for (int i = 0; i < dimensions.length; i++) {
                String value = resourceDimensions[i] != null ? resourceDimensions[i] : spanAttribute(dimensions[i]);
                if (value != null) {
                    values[i] = value;
                }
            }
        }

        /** The first database name attribute, in order, that the resource or else the span has. */
        private String databaseName() {
            for (int i = 0; i < databaseNameAttributes.length; i++) {
                String name = resourceDatabaseNames[i] != null ? resourceDatabaseNames[i] : spanAttribute(databaseNameAttributes[i]);
                if (name != null) {
                    return name;
                }
            }
            return null;
        }

        /** End minus start as Go subtracts the unsigned timestamps, in seconds. */
        private double latencySeconds() {
            long nanos = span.endTimeUnixNano() - span.startTimeUnixNano();
            double unsigned = nanos >= 0 ? nanos : ((double) (nanos >>> 1 | (nanos & 1))) * 2;
            return unsigned / 1e9;
        }

        private String spanAttribute(byte[] key) {
            Attributes.Value value = span.attribute(key);
            return value == null ? null : text(buf, value);
        }

        private String[] resourceAttributes(byte[][] keys) {
            String[] values = new String[keys.length];
            for (int i = 0; i < keys.length; i++) {
                values[i] = resourceAttribute(keys[i]);
            }
            return values;
        }

        /** The resource's first attribute with this key as text, or null. */
        private String resourceAttribute(byte[] key) {
            WireCursor entry = new WireCursor(buf, resourceFrom, resourceTo);
            while (entry.more()) {
                int tag = entry.tag();
                if (tag != RESOURCE) {
                    entry.skip(tag);
                    continue;
                }
                int end = entry.lengthEnd();
                Attributes.Value value = Attributes.find(buf, entry.pos(), end, Schema.Resource.ATTRIBUTES, key);
                if (value != null) {
                    return text(buf, value);
                }
                entry.pos(end);
            }
            return null;
        }
    }

    /** An attribute value as otelcol's label text: pdata's {@code AsString}. */
    private static String text(byte[] buf, Attributes.Value value) {
        try {
            return AttributeValues.asString(AnyValue.parseFrom(UnsafeByteOperations.unsafeWrap(buf, value.from(), value.to() - value.from())));
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalStateException("an attribute value was validated but cannot be decoded", e);
        }
    }

    private LoggingEventBuilder log(LoggingEventBuilder event) {
        return ComponentLog.of(event, Kind.CONNECTOR, context.id(), Signal.TRACES).addKeyValue("otelcol.signal.output",
                Signal.METRICS.id());
    }

    private static long epochNanos(Instant instant) {
        return instant.getEpochSecond() * 1_000_000_000L + instant.getNano();
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static byte[][] utf8(List<String> texts) {
        return texts.stream().map(ServiceGraphConnector::utf8).toArray(byte[][]::new);
    }
}
