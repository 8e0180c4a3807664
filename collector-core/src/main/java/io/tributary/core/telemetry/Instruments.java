package io.tributary.core.telemetry;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the OTLP push needs to know of each instrument and Micrometer does not keep: otelcol's
 * name and UCUM unit (Micrometer holds a dotted name and only the units Prometheus spells out),
 * the instrument kind beyond Micrometer's meter types (an up-down counter is a Micrometer gauge)
 * and the instrumentation scope, which the Prometheus exposition may hide. Keyed by the
 * Micrometer meter name: an instrument name belongs to one scope, as each otelcol metric does.
 * A meter without an entry (Prometheus' {@code target_info}) is no instrument.
 */
final class Instruments {
    record Instrument(String name, String unit, SelfMetric.Kind kind, String scope) {
    }

    private final Map<String, Instrument> byMeterName = new ConcurrentHashMap<>();

    void note(String meterName, Instrument instrument) {
        byMeterName.putIfAbsent(meterName, instrument);
    }

    /** The instrument a meter of this name records, or null. */
    Instrument of(String meterName) {
        return byMeterName.get(meterName);
    }
}
