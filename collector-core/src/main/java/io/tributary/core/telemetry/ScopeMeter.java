package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.function.ToDoubleFunction;

/**
 * The instruments of one instrumentation scope, what an OpenTelemetry {@code Meter} is to otelcol:
 * each otelcol component records its own metrics through a meter named after its Go package (its
 * generated {@code metadata.Meter}), the core's helpers through theirs ({@link SelfMetric.Scope}).
 * An explicit Prometheus reader shows that name as {@code otel_scope_name} on every series, beside
 * an empty {@code otel_scope_version} and {@code otel_scope_schema_url} (otelcol's meters have
 * neither); otelcol's default reader shows no scope. Got from {@link Telemetry#meter}; registered
 * through a group, the meters are removed with it.
 *
 * <p>Names, descriptions and UCUM units are otelcol's instruments' ({@code otelcol_processor_filter_spans_filtered},
 * {@code "1"}); a unit of seconds or bytes adds the Prometheus unit suffix. Each instrument's name,
 * unit, kind and scope are also noted in {@link Instruments}, for the OTLP push.
 */
public final class ScopeMeter {
    private final MeterRegistry registry;
    private final String scopeName;
    /** The scope labels, or none when the exposition hides the scope. */
    private final Tags scope;
    private final Instruments instruments;

    ScopeMeter(MeterRegistry registry, String scopeName, Tags scope, Instruments instruments) {
        this.registry = registry;
        this.scopeName = scopeName;
        this.scope = scope;
        this.instruments = instruments;
    }

    public Counter counter(String name, String description, String unit, Tags tags) {
        return Counter.builder(meterName(name, unit, SelfMetric.Kind.COUNTER)).description(description)
                .baseUnit(SelfMetric.baseUnit(unit)).tags(tags.and(scope)).register(registry);
    }

    /** A gauge read from {@code state} at scrape time; the registry holds {@code state} strongly. */
    public <T> void gauge(String name, String description, String unit, Tags tags, T state, ToDoubleFunction<T> value) {
        gauge(name, description, unit, SelfMetric.Kind.GAUGE, tags, state, value);
    }

    /** A histogram with explicit bucket bounds. */
    public DistributionSummary histogram(String name, String description, String unit, double[] buckets, Tags tags) {
        return DistributionSummary.builder(meterName(name, unit, SelfMetric.Kind.HISTOGRAM)).description(description)
                .baseUnit(SelfMetric.baseUnit(unit)).serviceLevelObjectives(buckets).tags(tags.and(scope)).register(registry);
    }

    /** A value read at scrape time: a gauge, or an up-down counter, which Prometheus shows as a gauge too. */
    <T> void gauge(String name, String description, String unit, SelfMetric.Kind kind, Tags tags, T state,
            ToDoubleFunction<T> value) {
        // otelcol's Prometheus names (otlptranslator) end a gauge of unit "1" in _ratio, and no other kind
        String baseUnit = kind == SelfMetric.Kind.GAUGE && unit.equals("1") ? "ratio" : SelfMetric.baseUnit(unit);
        Gauge.builder(meterName(name, unit, kind), state, value).description(description).baseUnit(baseUnit)
                .tags(tags.and(scope)).strongReference(true).register(registry);
    }

    /** A counter whose value is read from {@code state} at scrape time (the process metrics). */
    <T> void functionCounter(String name, String description, String unit, T state, ToDoubleFunction<T> value) {
        FunctionCounter.builder(meterName(name, unit, SelfMetric.Kind.COUNTER), state, value).description(description)
                .baseUnit(SelfMetric.baseUnit(unit)).tags(scope).register(registry);
    }

    /** The Micrometer name of instrument {@code name}, whose OTLP identity is noted on the way. */
    private String meterName(String name, String unit, SelfMetric.Kind kind) {
        String meterName = SelfMetric.meterName(name);
        instruments.note(meterName, new Instruments.Instrument(name, unit, kind, scopeName));
        return meterName;
    }
}
