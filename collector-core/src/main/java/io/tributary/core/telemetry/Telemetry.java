package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.tributary.core.component.ComponentId;
import java.util.function.IntSupplier;

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

    public Telemetry() {
        this.registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    }

    /** A telemetry whose instruments count but are never served (for tests and {@code level: none}). */
    public static Telemetry noop() {
        return new Telemetry();
    }

    public MeterRegistry registry() {
        return registry;
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
    public ExporterMetrics exporter(ComponentId id, IntSupplier queueSize, int queueCapacity) {
        Tags tags = Tags.of("exporter", id.toString());
        Tags queueTags = tags.and("data_type", "traces");
        Gauge.builder("otelcol.exporter.queue.size", queueSize, s -> s.getAsInt())
                .description("Current size of the retry queue (in batches).").tags(queueTags).register(registry);
        Gauge.builder("otelcol.exporter.queue.capacity", () -> queueCapacity)
                .description("Fixed capacity of the retry queue (in batches).").tags(queueTags).register(registry);
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
