package io.tributary.core.telemetry;

import java.util.List;

/**
 * Every self-metric the core hands out (a component's own metrics are named in its package and
 * registered through its {@link Telemetry#meter(String) meter}), in one table: otelcol's name, unit, instrument kind,
 * description (with the stability mark otelcol's generated code appends) and the
 * instrumentation scope that reports it, taken from the {@code metadata.yaml} files of otelcol's
 * {@code service}, {@code receiverhelper}, {@code processorhelper}, {@code exporterhelper} and
 * {@code batchprocessor}. The instruments are built from these entries, and the exposition
 * tests read them, so a name is spelled nowhere else.
 *
 * <p>{@link #prometheusName(boolean)} is the family name on {@code /metrics}: with suffixes
 * (an explicit Prometheus reader) the unit ({@code s} → {@code _seconds}, {@code By} →
 * {@code _bytes}, annotations such as {@code {span}} add nothing) and {@code _total} for
 * counters are appended by {@link PrometheusNaming}, as the OpenTelemetry Prometheus exporter
 * does; without (otelcol's default reader) the name is bare.
 */
public enum SelfMetric {
    PROCESS_UPTIME("otelcol_process_uptime", "s", Kind.COUNTER, "Uptime of the process [Alpha]", Scope.SERVICE),
    PROCESS_CPU_SECONDS("otelcol_process_cpu_seconds", "s", Kind.COUNTER, "Total CPU user and system time in seconds [Alpha]", Scope.SERVICE),
    PROCESS_MEMORY_RSS("otelcol_process_memory_rss", "By", Kind.GAUGE, "Total physical memory (resident set size) [Alpha]", Scope.SERVICE),
    PROCESS_RUNTIME_HEAP_ALLOC_BYTES("otelcol_process_runtime_heap_alloc_bytes", "By", Kind.GAUGE,
            "Bytes of allocated heap objects (see 'go doc runtime.MemStats.HeapAlloc') [Alpha]", Scope.SERVICE),
    PROCESS_RUNTIME_TOTAL_ALLOC_BYTES("otelcol_process_runtime_total_alloc_bytes", "By", Kind.COUNTER,
            "Cumulative bytes allocated for heap objects (see 'go doc runtime.MemStats.TotalAlloc') [Alpha]", Scope.SERVICE),
    PROCESS_RUNTIME_TOTAL_SYS_MEMORY_BYTES("otelcol_process_runtime_total_sys_memory_bytes", "By", Kind.GAUGE,
            "Total bytes of memory obtained from the OS (see 'go doc runtime.MemStats.Sys') [Alpha]", Scope.SERVICE),

    RECEIVER_ACCEPTED_SPANS("otelcol_receiver_accepted_spans", "{span}", Kind.COUNTER,
            "Number of spans successfully pushed into the pipeline. [Alpha]", Scope.RECEIVER),
    RECEIVER_REFUSED_SPANS("otelcol_receiver_refused_spans", "{span}", Kind.COUNTER,
            "Number of spans that could not be pushed into the pipeline. [Alpha]", Scope.RECEIVER),
    RECEIVER_FAILED_SPANS("otelcol_receiver_failed_spans", "{span}", Kind.COUNTER,
            "The number of spans that failed to be processed by the receiver due to internal errors. [Alpha]", Scope.RECEIVER),
    RECEIVER_ACCEPTED_METRIC_POINTS("otelcol_receiver_accepted_metric_points", "{datapoint}", Kind.COUNTER,
            "Number of metric points successfully pushed into the pipeline. [Alpha]", Scope.RECEIVER),
    RECEIVER_REFUSED_METRIC_POINTS("otelcol_receiver_refused_metric_points", "{datapoint}", Kind.COUNTER,
            "Number of metric points that could not be pushed into the pipeline. [Alpha]", Scope.RECEIVER),
    RECEIVER_FAILED_METRIC_POINTS("otelcol_receiver_failed_metric_points", "{datapoint}", Kind.COUNTER,
            "The number of metric points that failed to be processed by the receiver due to internal errors. [Alpha]", Scope.RECEIVER),
    RECEIVER_ACCEPTED_LOG_RECORDS("otelcol_receiver_accepted_log_records", "{record}", Kind.COUNTER,
            "Number of log records successfully pushed into the pipeline. [Alpha]", Scope.RECEIVER),
    RECEIVER_REFUSED_LOG_RECORDS("otelcol_receiver_refused_log_records", "{record}", Kind.COUNTER,
            "Number of log records that could not be pushed into the pipeline. [Alpha]", Scope.RECEIVER),
    RECEIVER_FAILED_LOG_RECORDS("otelcol_receiver_failed_log_records", "{record}", Kind.COUNTER,
            "The number of log records that failed to be processed by the receiver due to internal errors. [Alpha]", Scope.RECEIVER),

    PROCESSOR_INCOMING_ITEMS("otelcol_processor_incoming_items", "{item}", Kind.COUNTER,
            "Number of items passed to the processor. [Alpha]", Scope.PROCESSOR),
    PROCESSOR_OUTGOING_ITEMS("otelcol_processor_outgoing_items", "{item}", Kind.COUNTER,
            "Number of items emitted from the processor. [Alpha]", Scope.PROCESSOR),

    EXPORTER_SENT_SPANS("otelcol_exporter_sent_spans", "{span}", Kind.COUNTER,
            "Number of spans successfully sent to destination. [Alpha]", Scope.EXPORTER),
    EXPORTER_SEND_FAILED_SPANS("otelcol_exporter_send_failed_spans", "{span}", Kind.COUNTER,
            "Number of spans in failed attempts to send to destination. At detailed telemetry level, includes attributes: "
                    + "error.type (semantic convention), error.permanent. [Alpha]", Scope.EXPORTER),
    EXPORTER_ENQUEUE_FAILED_SPANS("otelcol_exporter_enqueue_failed_spans", "{span}", Kind.COUNTER,
            "Number of spans failed to be added to the sending queue. [Alpha]", Scope.EXPORTER),
    EXPORTER_SENT_METRIC_POINTS("otelcol_exporter_sent_metric_points", "{datapoint}", Kind.COUNTER,
            "Number of metric points successfully sent to destination. [Alpha]", Scope.EXPORTER),
    EXPORTER_SEND_FAILED_METRIC_POINTS("otelcol_exporter_send_failed_metric_points", "{datapoint}", Kind.COUNTER,
            "Number of metric points in failed attempts to send to destination. At detailed telemetry level, includes attributes: "
                    + "error.type (semantic convention), error.permanent. [Alpha]", Scope.EXPORTER),
    EXPORTER_ENQUEUE_FAILED_METRIC_POINTS("otelcol_exporter_enqueue_failed_metric_points", "{datapoint}", Kind.COUNTER,
            "Number of metric points failed to be added to the sending queue. [Alpha]", Scope.EXPORTER),
    EXPORTER_SENT_LOG_RECORDS("otelcol_exporter_sent_log_records", "{record}", Kind.COUNTER,
            "Number of log record successfully sent to destination. [Alpha]", Scope.EXPORTER),
    EXPORTER_SEND_FAILED_LOG_RECORDS("otelcol_exporter_send_failed_log_records", "{record}", Kind.COUNTER,
            "Number of log records in failed attempts to send to destination. At detailed telemetry level, includes attributes: "
                    + "error.type (semantic convention), error.permanent. [Alpha]", Scope.EXPORTER),
    EXPORTER_ENQUEUE_FAILED_LOG_RECORDS("otelcol_exporter_enqueue_failed_log_records", "{record}", Kind.COUNTER,
            "Number of log records failed to be added to the sending queue. [Alpha]", Scope.EXPORTER),
    EXPORTER_QUEUE_SIZE("otelcol_exporter_queue_size", "{batch}", Kind.GAUGE,
            "Current size of the retry queue (in batches). [Alpha]", Scope.EXPORTER),
    EXPORTER_QUEUE_CAPACITY("otelcol_exporter_queue_capacity", "{batch}", Kind.GAUGE,
            "Fixed capacity of the retry queue (in batches). [Alpha]", Scope.EXPORTER),

    BATCH_SEND_SIZE("otelcol_processor_batch_batch_send_size", "{unit}", Kind.HISTOGRAM,
            "Number of units in the batch [Development]", Scope.BATCH),
    BATCH_SIZE_TRIGGER_SEND("otelcol_processor_batch_batch_size_trigger_send", "{time}", Kind.COUNTER,
            "Number of times the batch was sent due to a size trigger [Development]", Scope.BATCH),
    BATCH_TIMEOUT_TRIGGER_SEND("otelcol_processor_batch_timeout_trigger_send", "{time}", Kind.COUNTER,
            "Number of times the batch was sent due to a timeout trigger [Development]", Scope.BATCH),
    BATCH_METADATA_CARDINALITY("otelcol_processor_batch_metadata_cardinality", "{combination}", Kind.UP_DOWN_COUNTER,
            "Number of distinct metadata value combinations being processed [Development]", Scope.BATCH),

    // Tributary's own: otelcol has nothing that counts these.
    PROCESSOR_DROPPED_SPANS("otelcol_processor_dropped_spans", "{span}", Kind.COUNTER,
            "Number of spans that were dropped.", Scope.TRIBUTARY),
    PROCESSOR_DROPPED_METRIC_POINTS("otelcol_processor_dropped_metric_points", "{datapoint}", Kind.COUNTER,
            "Number of metric points that were dropped.", Scope.TRIBUTARY),
    PROCESSOR_DROPPED_LOG_RECORDS("otelcol_processor_dropped_log_records", "{record}", Kind.COUNTER,
            "Number of log records that were dropped.", Scope.TRIBUTARY),
    RECEIVER_REFUSED_MESSAGES("tributary_receiver_refused_messages", "{message}", Kind.COUNTER,
            "Number of messages refused before their spans could be counted.", Scope.TRIBUTARY),
    EXPORTER_QUEUE_CORRUPT_RECORDS("tributary_exporter_queue_corrupt_records", "{record}", Kind.COUNTER,
            "Number of damaged persistent queue records skipped (their items are lost).", Scope.TRIBUTARY);

    /**
     * The instrument kinds otelcol's core uses for its own metrics. An up-down counter is a gauge
     * on {@code /metrics} and a non-monotonic sum over OTLP.
     */
    public enum Kind { COUNTER, GAUGE, UP_DOWN_COUNTER, HISTOGRAM }

    /** The instrumentation scope (OpenTelemetry meter name) that reports a metric: {@code otel_scope_name}. */
    public enum Scope {
        SERVICE("go.opentelemetry.io/collector/service"),
        RECEIVER("go.opentelemetry.io/collector/receiver/receiverhelper"),
        PROCESSOR("go.opentelemetry.io/collector/processor/processorhelper"),
        EXPORTER("go.opentelemetry.io/collector/exporter/exporterhelper"),
        BATCH("go.opentelemetry.io/collector/processor/batchprocessor"),
        TRIBUTARY("io.tributary.core.telemetry");

        private final String scopeName;

        Scope(String scopeName) {
            this.scopeName = scopeName;
        }

        public String scopeName() {
            return scopeName;
        }
    }

    /** otelcol's bucket bounds for the batch size histograms. */
    static final List<Double> BATCH_SIZE_BUCKETS = List.of(
            10d, 25d, 50d, 75d, 100d, 250d, 500d, 750d, 1000d, 2000d, 3000d, 4000d, 5000d, 6000d, 7000d, 8000d, 9000d,
            10000d, 20000d, 30000d, 50000d, 100000d);

    private final String name;
    private final String unit;
    private final Kind kind;
    private final String description;
    private final Scope scope;

    SelfMetric(String name, String unit, Kind kind, String description, Scope scope) {
        this.name = name;
        this.unit = unit;
        this.kind = kind;
        this.description = description;
        this.scope = scope;
    }

    /** The OpenTelemetry instrument name, as otelcol's generated code registers it. */
    public String otelName() {
        return name;
    }

    /** UCUM unit as in otelcol's metadata; a braced annotation such as {@code {span}} is not a unit. */
    public String unit() {
        return unit;
    }

    public Kind kind() {
        return kind;
    }

    public String description() {
        return description;
    }

    public Scope scope() {
        return scope;
    }

    /** The unit's words that Micrometer appends to a meter's name, as otlptranslator does; null for none ({@code 1}, {@code {span}}). */
    static String baseUnit(String unit) {
        String words = PrometheusNaming.unitWords(unit);
        return words.isEmpty() ? null : words;
    }

    /** The family name on {@code /metrics} (histogram samples add {@code _bucket}, {@code _sum}, {@code _count}). */
    public String prometheusName(boolean suffixes) {
        PrometheusNaming.MetricType type = switch (kind) {
            case COUNTER -> PrometheusNaming.MetricType.MONOTONIC_COUNTER;
            case UP_DOWN_COUNTER -> PrometheusNaming.MetricType.NON_MONOTONIC_COUNTER;
            case GAUGE -> PrometheusNaming.MetricType.GAUGE;
            case HISTOGRAM -> PrometheusNaming.MetricType.HISTOGRAM;
        };
        // otelcol's explicit reader adds the suffixes as otlptranslator's UTF-8 namer does: a counter's
        // inner "total" stays (otelcol_process_runtime_total_alloc_bytes_total)
        return PrometheusNaming.metricName(name, unit, type, "", suffixes, true);
    }

    /** The Micrometer meter name of an instrument, from which Micrometer derives {@link #prometheusName(boolean)}. */
    static String meterName(String otelName) {
        return otelName.replace('_', '.');
    }
}
