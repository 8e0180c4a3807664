package io.tributary.receiver.prometheus;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The exposition formats a scrape may ask for ({@code scrape_protocols}), by Prometheus' names. */
enum ScrapeProtocol {
    PROMETHEUS_PROTO("PrometheusProto", "application/vnd.google.protobuf;proto=io.prometheus.client.MetricFamily;encoding=delimited", false),
    OPENMETRICS_TEXT_1_0_0("OpenMetricsText1.0.0", "application/openmetrics-text;version=1.0.0", true),
    OPENMETRICS_TEXT_0_0_1("OpenMetricsText0.0.1", "application/openmetrics-text;version=0.0.1", false),
    PROMETHEUS_TEXT_1_0_0("PrometheusText1.0.0", "text/plain;version=1.0.0", true),
    PROMETHEUS_TEXT_0_0_4("PrometheusText0.0.4", "text/plain;version=0.0.4", false);

    /** Prometheus' default order of preference. */
    static final List<ScrapeProtocol> DEFAULTS = List.of(OPENMETRICS_TEXT_1_0_0, OPENMETRICS_TEXT_0_0_1, PROMETHEUS_TEXT_1_0_0, PROMETHEUS_TEXT_0_0_4);
    /** What a target that sends no usable {@code Content-Type} is read as; otelcol sets this where Prometheus has none. */
    static final ScrapeProtocol DEFAULT_FALLBACK = PROMETHEUS_TEXT_0_0_4;

    final String configName;
    final String header;
    /** Whether the header carries the name escaping scheme (only the 1.0.0 text formats do). */
    private final boolean escaping;

    ScrapeProtocol(String configName, String header, boolean escaping) {
        this.configName = configName;
        this.header = header;
        this.escaping = escaping;
    }

    static ScrapeProtocol named(String name) {
        for (ScrapeProtocol protocol : values()) {
            if (protocol.configName.equals(name)) {
                return protocol;
            }
        }
        return null;
    }

    /** The media type without parameters, e.g. {@code text/plain}. */
    String mediaType() {
        return header.substring(0, header.indexOf(';'));
    }

    /** A problem with a written {@code scrape_protocols} list, in Prometheus' words; null when it is fine. */
    static String check(List<String> names) {
        if (names.isEmpty()) {
            return "scrape_protocols cannot be empty";
        }
        Set<String> seen = new HashSet<>();
        for (String name : names) {
            if (!seen.add(name.toLowerCase(Locale.ROOT))) {
                return "duplicated protocol in scrape_protocols, got " + names;
            }
            String problem = checkOne(name);
            if (problem != null) {
                return "scrape_protocols: " + problem;
            }
        }
        return null;
    }

    static String checkOne(String name) {
        return named(name) != null ? null
                : "unknown scrape protocol " + name + ", supported: [OpenMetricsText0.0.1 OpenMetricsText1.0.0 PrometheusProto "
                + "PrometheusText0.0.4 PrometheusText1.0.0]";
    }

    /**
     * The {@code Accept} header for {@code protocols} in order of preference, as Prometheus
     * writes it: descending {@code q} weights, then anything at the lowest.
     */
    static String acceptHeader(List<ScrapeProtocol> protocols) {
        List<String> values = new ArrayList<>();
        int weight = values().length + 1;
        for (ScrapeProtocol protocol : protocols) {
            values.add(protocol.header + (protocol.escaping ? ";escaping=allow-utf-8" : "") + ";q=0." + weight);
            weight--;
        }
        values.add("*/*;q=0." + weight);
        return String.join(",", values);
    }
}
