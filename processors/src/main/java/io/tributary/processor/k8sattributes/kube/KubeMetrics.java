package io.tributary.processor.k8sattributes.kube;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Tags;
import io.tributary.core.telemetry.ScopeMeter;
import io.tributary.core.telemetry.Telemetry;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * otelcol's k8sattributes self-metrics in their default (old) format: {@code otelcol_otelsvc_k8s_<kind>_added},
 * {@code _updated}, {@code _deleted} per watched kind, {@code otelcol_otelsvc_k8s_ip_lookup_miss} and the
 * gauge {@code otelcol_otelsvc_k8s_pod_table_size}, all of unit {@code 1} and without attributes. Each
 * shows once first recorded to, as otelcol's instruments do; descriptions carry otelcol's stability suffixes.
 */
public final class KubeMetrics {
    static final String SCOPE = "github.com/open-telemetry/opentelemetry-collector-contrib/processor/k8sattributesprocessor";

    /** The watch events counted. */
    enum Event {
        ADDED("add"), UPDATED("update"), DELETED("delete");

        final String verb;

        Event(String verb) {
            this.verb = verb;
        }
    }

    private final ScopeMeter meter;
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private volatile boolean tableSizeRegistered;

    public KubeMetrics(Telemetry telemetry) {
        this.meter = telemetry.meter(SCOPE);
    }

    /** Counts an event of {@code kind} (pod, namespace, node, replicaset, job); {@code described} is the kind as otelcol's description writes it. */
    void event(String kind, String described, Event event) {
        String name = "otelcol_otelsvc_k8s_" + kind + "_" + event.name().toLowerCase(Locale.ROOT);
        counter(name, "Number of " + described + " " + event.verb + " events received [Development]").increment();
    }

    /** A lookup that found no pod. */
    public void ipLookupMiss() {
        counter("otelcol_otelsvc_k8s_ip_lookup_miss", "[DEPRECATED] Number of times pod by IP lookup failed [Deprecated]").increment();
    }

    /** Shows the store's pod table size from the first pod event on. */
    void podTableSize(KubeStore store) {
        if (!tableSizeRegistered) {
            synchronized (this) {
                if (!tableSizeRegistered) {
                    meter.gauge("otelcol_otelsvc_k8s_pod_table_size", "Size of table containing pod info [Development]", "1", Tags.empty(), store,
                            KubeStore::podTableSize);
                    tableSizeRegistered = true;
                }
            }
        }
    }

    private Counter counter(String name, String description) {
        return counters.computeIfAbsent(name, n -> meter.counter(n, description, "1", Tags.empty()));
    }
}
