package io.tributary.compat;

import static io.opentelemetry.api.common.AttributeKey.stringKey;

import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.Value;
import io.opentelemetry.api.logs.Logger;
import io.opentelemetry.api.logs.Severity;
import io.opentelemetry.api.metrics.Meter;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.logs.SdkLoggerProvider;
import io.opentelemetry.sdk.logs.export.LogRecordExporter;
import io.opentelemetry.sdk.logs.export.BatchLogRecordProcessor;
import io.opentelemetry.sdk.metrics.Aggregation;
import io.opentelemetry.sdk.metrics.ExemplarFilter;
import io.opentelemetry.sdk.metrics.InstrumentSelector;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.View;
import io.opentelemetry.sdk.metrics.export.MetricExporter;
import io.opentelemetry.sdk.metrics.export.PeriodicMetricReader;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Metrics and logs as an instrumented service sends them with the OpenTelemetry Java SDK: one
 * instrument of every kind (gauge, monotonic and non-monotonic sums, explicit and exponential
 * histograms), measured inside a fixed span so exemplars carry its ids, and log records of every
 * severity and body type in that span. The clock is fixed so every collector gets identical
 * requests.
 */
final class SdkSignalTraffic {
    /** Data points of one export of {@link #sendMetrics}: two series of the counter and one of each other instrument. */
    static final int DATA_POINTS = 6;
    /** Log records of one {@link #sendLogs}. */
    static final int LOG_RECORDS = 9;
    private static final Resource RESOURCE = Resource.create(Attributes.of(stringKey("service.name"), SdkTraffic.SERVICE,
            stringKey("host.name"), "lab"));
    private static final String SCOPE = "compat.signals";
    private static final long T0 = 1_700_000_000_000_000_000L;
    private static final Duration FLUSH_TIMEOUT = Duration.ofSeconds(10);
    private static final SpanContext SPAN = SpanContext.create("0000000000000000000000000000abcd", "000000000000abcd",
            TraceFlags.getSampled(), TraceState.getDefault());

    private SdkSignalTraffic() {
    }

    /**
     * Records one of every instrument and exports it once through {@code exporter}: at shutdown
     * only, as a flush before it would export twice, the second time with the reader's own
     * collection duration (a time, different on every run).
     */
    static void sendMetrics(MetricExporter exporter) {
        SdkMeterProvider meters = SdkMeterProvider.builder()
                .setResource(RESOURCE)
                .setClock(new SdkTraffic.FixedClock())
                // Exemplars of every measurement: one measurement per series keeps the reservoirs' choice fixed.
                .setExemplarFilter(ExemplarFilter.alwaysOn())
                .registerView(InstrumentSelector.builder().setName("latency.exp").build(),
                        View.builder().setAggregation(Aggregation.base2ExponentialBucketHistogram()).build())
                .registerMetricReader(PeriodicMetricReader.builder(exporter).setInterval(Duration.ofHours(1)).build())
                .build();
        try {
            Meter meter = meters.meterBuilder(SCOPE).setInstrumentationVersion("1.0").setSchemaUrl("https://opentelemetry.io/schemas/1.21.0")
                    .build();
            meter.gaugeBuilder("temperature").setUnit("Cel").buildWithCallback(gauge -> gauge.record(21.5, Attributes.of(stringKey("room"), "a")));
            try (Scope ignored = Span.wrap(SPAN).makeCurrent()) {
                var requests = meter.counterBuilder("requests").setUnit("{request}").setDescription("requests served").build();
                requests.add(3, Attributes.of(stringKey("route"), "/a"));
                requests.add(2, Attributes.of(stringKey("route"), "/b"));
                meter.upDownCounterBuilder("inflight").build().add(-4);
                meter.histogramBuilder("latency").setUnit("ms").build().record(12.5);
                meter.histogramBuilder("latency.exp").build().record(300);
            }
        } finally {
            meters.shutdown().join(FLUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** Emits {@link #LOG_RECORDS} records and exports them through {@code exporter}. */
    static void sendLogs(LogRecordExporter exporter) {
        SdkLoggerProvider logs = SdkLoggerProvider.builder().setResource(RESOURCE).setClock(new SdkTraffic.FixedClock())
                .addLogRecordProcessor(BatchLogRecordProcessor.builder(exporter).build()).build();
        try {
            Logger logger = logs.loggerBuilder(SCOPE).setInstrumentationVersion("1.0").build();
            try (Scope ignored = Span.wrap(SPAN).makeCurrent()) {
                logger.logRecordBuilder().setSeverity(Severity.WARN).setSeverityText("WARN").setBody("disk almost full")
                        .setAttribute(stringKey("disk"), "/dev/sda").setTimestamp(T0 + 1, TimeUnit.NANOSECONDS).emit();
                logger.logRecordBuilder().setSeverity(Severity.TRACE).setBody(Value.of(42L)).setTimestamp(T0 + 2, TimeUnit.NANOSECONDS).emit();
                logger.logRecordBuilder().setSeverity(Severity.DEBUG4).setBody(Value.of(2.5)).setTimestamp(T0 + 3, TimeUnit.NANOSECONDS).emit();
                logger.logRecordBuilder().setSeverity(Severity.INFO2).setBody(Value.of(true)).setTimestamp(T0 + 4, TimeUnit.NANOSECONDS).emit();
                logger.logRecordBuilder().setSeverity(Severity.ERROR).setBody(Value.of(Map.of("user", Value.of("ada"), "n", Value.of(1L))))
                        .setTimestamp(T0 + 5, TimeUnit.NANOSECONDS).emit();
                logger.logRecordBuilder().setSeverity(Severity.FATAL4).setBody(Value.of(Value.of("a"), Value.of(1L), Value.of(false)))
                        .setTimestamp(T0 + 6, TimeUnit.NANOSECONDS).emit();
                logger.logRecordBuilder().setBody(Value.of(new byte[] {1, 2, 3})).setTimestamp(T0 + 7, TimeUnit.NANOSECONDS).emit();
                logger.logRecordBuilder().setSeverity(Severity.UNDEFINED_SEVERITY_NUMBER).setAllAttributes(Attributes.builder()
                        .put("int", 7L).put("double", 0.5).put("bool", true).put(stringKey("empty"), "").build())
                        .setTimestamp(T0 + 8, TimeUnit.NANOSECONDS).emit();
            }
            // Outside any span: no trace context.
            logger.logRecordBuilder().setSeverity(Severity.INFO).setBody("no trace").setTimestamp(T0 + 9, TimeUnit.NANOSECONDS).emit();
            logs.forceFlush().join(FLUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            logs.shutdown().join(FLUSH_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }
}
