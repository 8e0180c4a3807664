package io.tributary.exporter.debug;

import io.opentelemetry.proto.metrics.v1.ResourceMetrics;
import io.opentelemetry.proto.metrics.v1.ScopeMetrics;
import io.tributary.core.component.Host;
import io.tributary.core.data.Metrics;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.Sender;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * Writes what arrives and never fails; the exporter helper around it counts it as sent, and
 * queues it first when {@code sending_queue} is set. Each signal is sampled on its own, as
 * otelcol's exporter of each signal has its own sampling logger. Only {@code normal} and
 * {@code detailed} decode a batch, and {@code basic} for metrics (the metric count).
 */
final class DebugSender implements Sender {
    static final String LOGGER = "io.tributary.exporter.debug";

    private final Verbosity verbosity;
    private final Map<Signal<?>, LogSampler> samplers;
    private final Callable<DebugOutput> opener;
    private volatile DebugOutput output;

    /** @param opener opens the output at start (output files are created then, not when a config is validated) */
    DebugSender(Verbosity verbosity, int samplingInitial, int samplingThereafter, Clock clock, Callable<DebugOutput> opener) {
        this.verbosity = verbosity;
        this.samplers = Signal.all().stream().collect(Collectors.toUnmodifiableMap(signal -> signal,
                signal -> new LogSampler(samplingInitial, samplingThereafter, clock)));
        this.opener = opener;
    }

    @Override
    public void start(Host host) throws Exception {
        output = opener.call();
    }

    @Override
    public void send(Traces traces, Duration timeout) {
        send(Signal.TRACES, traces, timeout);
    }

    @Override
    public <D extends SignalData<D, ?>> void send(Signal<D> signal, D data, Duration timeout) {
        DebugOutput out = output;
        if (out == null || !out.enabled() || !samplers.get(signal).sample()) {
            return;
        }
        out.counts(signal, message(signal), counts(data));
        switch (verbosity) {
            case NORMAL -> out.text(signal, NormalText.of(data));
            case DETAILED -> out.text(signal, DetailedText.of(data));
            case BASIC -> {
            }
        }
    }

    /** otelcol's message of the count line: {@code Traces}, {@code Metrics}, {@code Logs}. */
    private static String message(Signal<?> signal) {
        return Character.toUpperCase(signal.id().charAt(0)) + signal.id().substring(1);
    }

    /** otelcol's fields of the count line, in its words and order. */
    private static Map<String, Integer> counts(SignalData<?, ?> data) {
        Map<String, Integer> counts = new LinkedHashMap<>();
        if (data instanceof Traces) {
            counts.put("resource spans", data.resourceEntryCount());
            counts.put("spans", data.itemCount());
        } else if (data instanceof Metrics metrics) {
            counts.put("resource metrics", data.resourceEntryCount());
            counts.put("metrics", metricCount(metrics));
            counts.put("data points", data.itemCount());
        } else {
            counts.put("resource logs", data.resourceEntryCount());
            counts.put("log records", data.itemCount());
        }
        return counts;
    }

    private static int metricCount(Metrics metrics) {
        int count = 0;
        for (ResourceMetrics resource : metrics.resourceMetrics()) {
            for (ScopeMetrics scope : resource.getScopeMetricsList()) {
                count += scope.getMetricsCount();
            }
        }
        return count;
    }

    @Override
    public void shutdown() {
        DebugOutput out = output;
        if (out != null) {
            out.close();
        }
    }
}
