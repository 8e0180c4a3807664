package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.core.component.ComponentId;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.LongSupplier;

/**
 * The daemon's self-telemetry: one Prometheus registry, and the standard {@code otelcol_*}
 * instruments handed to components so that no component spells a metric name or label itself.
 * Names and labels follow the Go collector's internal telemetry.
 */
public final class Telemetry {
    private static final Tags TRACES = Tags.of("otel_signal", "traces");
    /** The Go collector's bucket bounds for {@code otelcol_processor_batch_batch_send_size}. */
    private static final double[] BATCH_SIZE_BUCKETS = {
        10, 25, 50, 75, 100, 250, 500, 750, 1000, 2000, 3000, 4000, 5000, 6000, 7000, 8000, 9000,
        10000, 20000, 30000, 50000, 100000};

    private final PrometheusMeterRegistry registry;
    private final AutoCloseable processMeters;

    /** A bare registry without resource labels or process metrics, so tests can match exact scrape lines. */
    public Telemetry() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        this.processMeters = () -> { };
    }

    private Telemetry(Map<String, String> commonTags) {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        // Common tags must be in place before the first meter registers, or that meter misses them.
        commonTags.forEach((key, value) -> registry.config().commonTags(key, value));
        this.processMeters = ProcessMeters.bindTo(registry);
    }

    /**
     * The running service's telemetry: every meter carries otelcol's resource labels
     * ({@code service_name}, {@code service_version}, {@code service_instance_id}, which
     * collector dashboards filter on), and the process and JVM metrics are registered.
     * {@code resource} is {@code service::telemetry::resource}: its {@code service.name},
     * {@code service.version} and {@code service.instance.id} override ours, as in otelcol.
     */
    public static Telemetry forService(String serviceVersion, Map<String, String> resource) {
        Map<String, String> tags = new LinkedHashMap<>();
        tags.put("service_name", resource.getOrDefault("service.name", "tributary"));
        tags.put("service_version", resource.getOrDefault("service.version", serviceVersion));
        tags.put("service_instance_id", resource.getOrDefault("service.instance.id", UUID.randomUUID().toString()));
        tags.values().removeIf(Objects::isNull);
        return new Telemetry(tags);
    }

    /** A telemetry whose instruments count but are never served (for tests and {@code level: none}). */
    public static Telemetry noop() {
        return new Telemetry();
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** Releases the JVM listeners behind the process metrics; meters keep their last values. */
    public void close() {
        try {
            processMeters.close();
        } catch (Exception e) {
            throw new IllegalStateException("cannot release the process metrics", e);
        }
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public ReceiverMetrics receiver(ComponentId id, String transport) {
        Tags tags = Tags.of("receiver", id.toString(), "transport", transport);
        return new ReceiverMetrics(
                counter("otelcol.receiver.accepted.spans", "Number of spans successfully pushed into the pipeline.", tags),
                counter("otelcol.receiver.refused.spans", "Number of spans that could not be pushed into the pipeline.", tags));
    }

    /**
     * Messages (a datagram, a request body) a receiver refused before knowing their span count:
     * {@code reason} {@code undecodable}, or {@code queue_full} when there was no room to decode
     * them. otelcol's span counters cannot hold these, so the metric is Tributary's own.
     */
    public Counter receiverRefusedMessages(ComponentId id, String transport, String reason) {
        return counter("tributary.receiver.refused.messages", "Number of messages refused before their spans could be counted.",
                Tags.of("receiver", id.toString(), "transport", transport, "reason", reason));
    }

    public ProcessorMetrics processor(ComponentId id) {
        Tags tags = Tags.of("processor", id.toString());
        return new ProcessorMetrics(
                counter("otelcol.processor.incoming.items", "Number of items passed to the processor.", tags.and(TRACES)),
                counter("otelcol.processor.outgoing.items", "Number of items emitted from the processor.", tags.and(TRACES)),
                counter("otelcol.processor.dropped.spans", "Number of spans that were dropped.", tags));
    }

    /**
     * Exporter instruments. {@code queueSize} is read at scrape time; {@code queueCapacity} is the
     * configured bound (0 when the exporter has no queue).
     */
    public ExporterMetrics exporter(ComponentId id, LongSupplier queueSize, long queueCapacity) {
        Tags tags = Tags.of("exporter", id.toString());
        Tags queueTags = tags.and("data_type", "traces");
        // Micrometer holds gauge state weakly; the suppliers are often lambdas nobody else keeps.
        Gauge.builder("otelcol.exporter.queue.size", queueSize, s -> s.getAsLong())
                .description("Current size of the retry queue (in batches).").tags(queueTags)
                .strongReference(true).register(registry);
        Gauge.builder("otelcol.exporter.queue.capacity", () -> queueCapacity)
                .description("Fixed capacity of the retry queue (in batches).").tags(queueTags)
                .strongReference(true).register(registry);
        return new ExporterMetrics(
                counter("otelcol.exporter.sent.spans", "Number of spans successfully sent to destination.", tags),
                counter("otelcol.exporter.send.failed.spans", "Number of spans in failed attempts to send to destination.", tags),
                counter("otelcol.exporter.enqueue.failed.spans", "Number of spans failed to be added to the sending queue.", tags));
    }

    public BatchMetrics batch(ComponentId id) {
        Tags tags = Tags.of("processor", id.toString());
        DistributionSummary sendSize = DistributionSummary.builder("otelcol.processor.batch.batch.send.size")
                .description("Number of units in the batch")
                .serviceLevelObjectives(BATCH_SIZE_BUCKETS)
                .tags(tags)
                .register(registry);
        return new BatchMetrics(
                sendSize,
                counter("otelcol.processor.batch.batch.size.trigger.send", "Number of times the batch was sent due to a size trigger", tags),
                counter("otelcol.processor.batch.timeout.trigger.send", "Number of times the batch was sent due to a timeout trigger", tags));
    }

    private Counter counter(String name, String description, Tags tags) {
        return Counter.builder(name).description(description).tags(tags).register(registry);
    }
}
