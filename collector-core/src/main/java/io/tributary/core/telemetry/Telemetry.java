package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusNamingConvention;
import io.tributary.core.component.ComponentId;
import io.tributary.core.data.Signal;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntSupplier;
import java.util.function.LongSupplier;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;

/**
 * The daemon's self-telemetry: one Prometheus registry, and the standard {@code otelcol_*}
 * instruments (named in {@link SelfMetric}) handed to components, so that no component spells a
 * core metric name or label itself. Periodic readers read the same registry as OTLP
 * ({@link #otlpReader}).
 *
 * <p>Each component gets its own {@link #group() group}: every meter registered through the
 * group, whether one of the standard instruments or a component's own through its
 * {@link #meter(String) meter}, is removed from the registry when the group is closed, so a component that
 * is gone (a load-balancing backend the resolver dropped) leaves no meter, and no gauge keeps it
 * reachable. Two groups may register the same meter (the same processor ID in two pipelines
 * shares its counters, as in otelcol); it stays until the last of them closes.
 */
public final class Telemetry implements AutoCloseable {

    private final Shared shared;
    /** Where this instance registers: the Prometheus registry itself, or a group's composite in front of it. */
    private final MeterRegistry registry;
    private final CompositeMeterRegistry group;
    private final AtomicBoolean closed = new AtomicBoolean();
    /** The meters this group registered while open; guarded by {@code this}. */
    private final Set<Meter.Id> owned = new HashSet<>();

    /** What the service-wide instance and its groups share. */
    private static final class Shared {
        final PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        final Exposition exposition;
        final Instruments instruments = new Instruments();
        /** The resource attributes ({@code target_info}'s), which the OTLP push sends as its resource. */
        final Map<String, String> resource;
        /** How many open groups registered each meter (by its id before the registry's common tags). */
        final Map<Meter.Id, Integer> owners = new HashMap<>();
        final Set<Telemetry> groups = ConcurrentHashMap.newKeySet();

        Shared(Exposition exposition, Map<String, String> resource) {
            this.exposition = exposition;
            this.resource = Map.copyOf(resource);
            if (!exposition.suffixes()) {
                prometheus.config().namingConvention(new PrometheusNamingConvention() {
                    @Override
                    public String name(String name, Meter.Type type, String baseUnit) {
                        return super.name(name, type, null);
                    }
                });
            }
        }

        synchronized void retain(Meter.Id id) {
            owners.merge(id, 1, Integer::sum);
        }

        synchronized void removeIfUnowned(Meter.Id id) {
            if (!owners.containsKey(id)) {
                prometheus.removeByPreFilterId(id);
            }
        }

        synchronized void release(Meter.Id id) {
            Integer left = owners.merge(id, -1, Integer::sum);
            if (left != null && left <= 0) {
                owners.remove(id);
                prometheus.removeByPreFilterId(id);
            }
        }
    }

    /** A bare registry without resource, scope or process metrics, so tests can match exact scrape lines. */
    public Telemetry() {
        this(Exposition.BARE);
    }

    /** A registry shaped as {@code exposition}, without resource attributes or process metrics (for tests). */
    public Telemetry(Exposition exposition) {
        this(new Shared(exposition, Map.of()));
    }

    private Telemetry(Shared shared) {
        this.shared = shared;
        this.registry = shared.prometheus;
        this.group = null;
    }

    private Telemetry(Shared shared, CompositeMeterRegistry group) {
        this.shared = shared;
        this.registry = group;
        this.group = group;
    }

    /**
     * The running service's telemetry, shaped as otelcol shapes it for {@code config}'s metrics
     * reader ({@link Exposition}), with {@code target_info} carrying the resource: otelcol's
     * {@code service.name}, {@code service.version} and a random {@code service.instance.id},
     * each replaced (or, given no value, removed) by {@code service::telemetry::resource}, plus
     * that section's other attributes.
     */
    public static Telemetry forService(String serviceVersion, TelemetryConfig config) {
        Map<String, String> resource = new LinkedHashMap<>();
        resource.put("service.name", "tributary");
        resource.put("service.version", serviceVersion);
        resource.put("service.instance.id", UUID.randomUUID().toString());
        config.resource().forEach((key, value) -> {
            if (value == null || value.isEmpty()) {
                resource.remove(key);
            } else {
                resource.put(key, value);
            }
        });
        Exposition exposition = Exposition.of(config.metrics());
        Shared shared = new Shared(exposition, resource);
        // Common tags must be in place before the first meter registers, or that meter misses them.
        resource.forEach((key, value) -> {
            if (exposition.resourceLabel().test(key)) {
                shared.prometheus.config().commonTags(key, value);
            }
        });
        Telemetry telemetry = new Telemetry(shared);
        Gauge.builder("target.info", () -> 1).description("Target metadata")
                .tags(resource.entrySet().stream().flatMap(e -> Stream.of(e.getKey(), e.getValue()))
                        .toArray(String[]::new))
                .strongReference(true).register(shared.prometheus);
        ProcessMeters.bindTo(telemetry);
        return telemetry;
    }

    /** A telemetry whose instruments count but are never served (for tests and {@code level: none}). */
    public static Telemetry noop() {
        return new Telemetry();
    }

    /**
     * A group for one component's meters, closed (its meters removed) when the component is gone.
     * The service closes every group with itself.
     */
    public Telemetry group() {
        CompositeMeterRegistry composite = new CompositeMeterRegistry(Clock.SYSTEM, List.of(shared.prometheus));
        Telemetry telemetry = new Telemetry(shared, composite);
        composite.config().onMeterAdded(telemetry::own);
        shared.groups.add(telemetry);
        return telemetry;
    }

    /** The meters registered through this instance (a group shows its own), for reading them. */
    public MeterRegistry registry() {
        return registry;
    }

    /**
     * A group removes its meters from the registry (meters registered through it afterwards
     * go nowhere); the service-wide instance closes every group, and keeps its own meters.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        if (group != null) {
            synchronized (this) {
                group.remove(shared.prometheus);
                owned.forEach(shared::release);
                owned.clear();
            }
            shared.groups.remove(this);
            return;
        }
        List.copyOf(shared.groups).forEach(Telemetry::close);
    }

    /** Counts a meter the group registered; one registered while the group closes is removed at once. */
    private synchronized void own(Meter meter) {
        if (closed.get()) {
            shared.removeIfUnowned(meter.getId());
        } else if (owned.add(meter.getId())) {
            shared.retain(meter.getId());
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return PrometheusText.asOpenTelemetryExporter(shared.prometheus.scrape(), shared.exposition.suffixes());
    }

    public ReceiverMetrics receiver(ComponentId id, String transport) {
        return receiver(id, transport, Signal.TRACES);
    }

    /** A receiver's counters of one signal's items: {@code otelcol_receiver_accepted_spans}, {@code ..._metric_points}, {@code ..._log_records}. */
    public ReceiverMetrics receiver(ComponentId id, String transport, Signal<?> signal) {
        Tags tags = Tags.of("receiver", id.toString(), "transport", transport);
        List<SelfMetric> metrics = bySignal(signal,
                List.of(SelfMetric.RECEIVER_ACCEPTED_SPANS, SelfMetric.RECEIVER_REFUSED_SPANS, SelfMetric.RECEIVER_FAILED_SPANS),
                List.of(SelfMetric.RECEIVER_ACCEPTED_METRIC_POINTS, SelfMetric.RECEIVER_REFUSED_METRIC_POINTS,
                        SelfMetric.RECEIVER_FAILED_METRIC_POINTS),
                List.of(SelfMetric.RECEIVER_ACCEPTED_LOG_RECORDS, SelfMetric.RECEIVER_REFUSED_LOG_RECORDS,
                        SelfMetric.RECEIVER_FAILED_LOG_RECORDS));
        return new ReceiverMetrics(new OnFirstUse<>(() -> new ReceiverMetrics.Counters(
                counter(metrics.get(0), tags), counter(metrics.get(1), tags), counter(metrics.get(2), tags))));
    }

    /**
     * Messages (a datagram, a request body) a receiver refused before knowing their span count:
     * {@code reason} {@code undecodable}, or {@code queue_full} when there was no room to decode
     * them. otelcol's span counters cannot hold these, so the metric is Tributary's own.
     */
    public Counter receiverRefusedMessages(ComponentId id, String transport, String reason) {
        return counter(SelfMetric.RECEIVER_REFUSED_MESSAGES, Tags.of("receiver", id.toString(), "transport", transport, "reason", reason));
    }

    public ProcessorMetrics processor(ComponentId id) {
        return processor(id, Signal.TRACES);
    }

    /**
     * A processor's counters of one signal's items: otelcol's processorhelper pair, labelled
     * {@code otel_signal} as otelcol labels them, and Tributary's dropped count
     * ({@code otelcol_processor_dropped_spans}, {@code ..._metric_points}, {@code ..._log_records}).
     */
    public ProcessorMetrics processor(ComponentId id, Signal<?> signal) {
        Tags tags = Tags.of("processor", id.toString());
        Tags signalTags = tags.and("otel_signal", signal.id());
        return new ProcessorMetrics(
                new OnFirstUse<>(() -> new ProcessorMetrics.Counters(
                        counter(SelfMetric.PROCESSOR_INCOMING_ITEMS, signalTags),
                        counter(SelfMetric.PROCESSOR_OUTGOING_ITEMS, signalTags))),
                new OnFirstUse<>(() -> counter(droppedItems(signal), tags)));
    }

    /**
     * An exporter's instruments for one signal: {@code otelcol_exporter_sent_spans} and its
     * {@code _metric_points} and {@code _log_records} twins. {@code queueSize} is read at scrape
     * time and {@code queueCapacity} is the configured bound; without a sending queue
     * ({@code queueSize} null) there are no queue gauges, as in otelcol, which gives each signal
     * its own queue and labels its gauges {@code data_type}.
     */
    public ExporterMetrics exporter(ComponentId id, Signal<?> signal, LongSupplier queueSize, long queueCapacity) {
        Tags tags = Tags.of("exporter", id.toString());
        if (queueSize != null) {
            Tags dataType = tags.and("data_type", signal.id());
            // Micrometer holds gauge state weakly; the suppliers are often lambdas nobody else keeps.
            gauge(SelfMetric.EXPORTER_QUEUE_SIZE, dataType, queueSize, LongSupplier::getAsLong);
            gauge(SelfMetric.EXPORTER_QUEUE_CAPACITY, dataType, queueCapacity, Long::doubleValue);
        }
        List<SelfMetric> metrics = bySignal(signal,
                List.of(SelfMetric.EXPORTER_SENT_SPANS, SelfMetric.EXPORTER_SEND_FAILED_SPANS, SelfMetric.EXPORTER_ENQUEUE_FAILED_SPANS),
                List.of(SelfMetric.EXPORTER_SENT_METRIC_POINTS, SelfMetric.EXPORTER_SEND_FAILED_METRIC_POINTS,
                        SelfMetric.EXPORTER_ENQUEUE_FAILED_METRIC_POINTS),
                List.of(SelfMetric.EXPORTER_SENT_LOG_RECORDS, SelfMetric.EXPORTER_SEND_FAILED_LOG_RECORDS,
                        SelfMetric.EXPORTER_ENQUEUE_FAILED_LOG_RECORDS));
        return new ExporterMetrics(
                new OnFirstUse<>(() -> counter(metrics.get(0), tags)),
                new OnFirstUse<>(() -> counter(metrics.get(1), tags)),
                new OnFirstUse<>(() -> counter(metrics.get(2), tags)));
    }

    /** Damaged persistent queue records an exporter skipped (Tributary's own: otelcol's queue file has no record check). */
    public Counter queueCorruptRecords(ComponentId id, Signal<?> signal) {
        return counter(SelfMetric.EXPORTER_QUEUE_CORRUPT_RECORDS, Tags.of("exporter", id.toString(), "data_type", signal.id()));
    }

    /**
     * The batch processor's instruments, which carry no signal label (as otelcol's): the same
     * processor ID in pipelines of several signals shares its series. Only Tributary's dropped
     * count is the signal's own.
     *
     * @param combinations the distinct metadata_keys value combinations being batched, read at scrape time
     */
    public BatchMetrics batch(ComponentId id, Signal<?> signal, IntSupplier combinations) {
        Tags tags = Tags.of("processor", id.toString());
        gauge(SelfMetric.BATCH_METADATA_CARDINALITY, tags, combinations, IntSupplier::getAsInt);
        SelfMetric size = SelfMetric.BATCH_SEND_SIZE;
        return new BatchMetrics(
                new OnFirstUse<>(() -> meter(size).histogram(size.otelName(), size.description(), size.unit(),
                        SelfMetric.BATCH_SIZE_BUCKETS.stream().mapToDouble(Double::doubleValue).toArray(), tags)),
                new OnFirstUse<>(() -> counter(SelfMetric.BATCH_SIZE_TRIGGER_SEND, tags)),
                new OnFirstUse<>(() -> counter(SelfMetric.BATCH_TIMEOUT_TRIGGER_SEND, tags)),
                new OnFirstUse<>(() -> counter(droppedItems(signal), tags)));
    }

    private static SelfMetric droppedItems(Signal<?> signal) {
        return bySignal(signal, SelfMetric.PROCESSOR_DROPPED_SPANS, SelfMetric.PROCESSOR_DROPPED_METRIC_POINTS,
                SelfMetric.PROCESSOR_DROPPED_LOG_RECORDS);
    }

    /** What {@code signal} has of three, one per signal: otelcol names a signal's item counters apart. */
    private static <T> T bySignal(Signal<?> signal, T traces, T metrics, T logs) {
        return signal == Signal.TRACES ? traces : signal == Signal.METRICS ? metrics : logs;
    }

    /**
     * The meter of one instrumentation scope, through which a component registers its own
     * instruments: {@code scopeName} is the Go package of the otelcol component it stands for
     * (otelcol's meter name), or {@link SelfMetric.Scope#TRIBUTARY} for metrics otelcol has no
     * equivalent for. The component's package declares the instruments' names; the core's own
     * are in {@link SelfMetric}. Through a group they are removed with it.
     */
    public ScopeMeter meter(String scopeName) {
        return new ScopeMeter(registry, scopeName, shared.exposition.scopeInfo() ? scopeLabels(scopeName) : Tags.empty(),
                shared.instruments);
    }

    /** The labels an explicit Prometheus reader names the scope with; otelcol's meters have no version or schema URL. */
    private static Tags scopeLabels(String scopeName) {
        return Tags.of("otel_scope_name", scopeName, "otel_scope_schema_url", "", "otel_scope_version", "");
    }

    /**
     * A reader of every instrument as OTLP, for a periodic reader that pushes with
     * {@code temporality}; the resource is {@code target_info}'s, and the Prometheus-only labels
     * (scope, resource) are left off the data points.
     */
    public OtlpMetricsReader otlpReader(TelemetryConfig.Temporality temporality, java.time.Clock clock) {
        Set<String> prometheusOnly = new HashSet<>();
        scopeLabels("").forEach(label -> prometheusOnly.add(label.getKey()));
        shared.resource.keySet().stream().filter(shared.exposition.resourceLabel()).forEach(prometheusOnly::add);
        return new OtlpMetricsReader(shared.prometheus, shared.instruments, shared.resource, prometheusOnly, temporality, clock);
    }

    private ScopeMeter meter(SelfMetric metric) {
        return meter(metric.scope().scopeName());
    }

    /** A counter whose value is read from {@code state} at scrape time (the process metrics). */
    <T> void functionCounter(SelfMetric metric, T state, ToDoubleFunction<T> value) {
        meter(metric).functionCounter(metric.otelName(), metric.description(), metric.unit(), state, value);
    }

    /** A gauge read from {@code state} at scrape time; the registry holds {@code state} strongly. */
    <T> void gauge(SelfMetric metric, Tags tags, T state, ToDoubleFunction<T> value) {
        meter(metric).gauge(metric.otelName(), metric.description(), metric.unit(), metric.kind(), tags, state, value);
    }

    private Counter counter(SelfMetric metric, Tags tags) {
        return meter(metric).counter(metric.otelName(), metric.description(), metric.unit(), tags);
    }
}
