package io.tributary.processor.filterspan;

import io.tributary.config.ConfigNode;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.filterset.RegexpConfig;
import java.util.List;

/**
 * One {@code include} or {@code exclude} section of otelcol's legacy span matching
 * (filterconfig.MatchProperties): every property given must match; within a list of names, one
 * match is enough; {@code attributes} and {@code resources} must all match. The log-only and
 * metric-only keys otelcol's struct also carries are refused here, as otelcol refuses them for
 * spans.
 */
public record MatchProperties(
        MatchType matchType,
        RegexpConfig regexp,
        List<String> services,
        List<String> spanNames,
        List<String> spanKinds,
        List<Attribute> attributes,
        List<Attribute> resources,
        List<Library> libraries,
        List<String> logBodies,
        List<String> logSeverityTexts,
        ConfigNode logSeverityNumber,
        List<String> metricNames) {

    /** The span kind names {@code span_kinds} takes with {@code match_type: strict}. */
    static final List<String> SPAN_KINDS = List.of(
            "SPAN_KIND_CLIENT", "SPAN_KIND_CONSUMER", "SPAN_KIND_INTERNAL", "SPAN_KIND_PRODUCER", "SPAN_KIND_SERVER");

    /**
     * An attribute that must be present; with a {@code value}, also equal to it ({@code strict},
     * typed: {@code 42} matches only an int attribute) or matched by it ({@code regexp}, a string
     * pattern against the value's text). {@code value} keeps its YAML node so that its type survives.
     */
    public record Attribute(String key, ConfigNode value) {
        public Attribute {
            if (key == null || key.isEmpty()) {
                throw new IllegalArgumentException("can't have empty key in the list of attributes");
            }
            if (value != null && value.isNull()) {
                value = null;
            }
        }
    }

    /** An instrumentation scope name and, when given (even empty), its version. */
    public record Library(String name, String version) {
        public Library {
            name = name == null ? "" : name;
        }
    }

    public MatchProperties {
        regexp = regexp == null ? RegexpConfig.DEFAULT : regexp;
        services = List.copyOf(services == null ? List.of() : services);
        spanNames = List.copyOf(spanNames == null ? List.of() : spanNames);
        spanKinds = List.copyOf(spanKinds == null ? List.of() : spanKinds);
        attributes = List.copyOf(attributes == null ? List.of() : attributes);
        resources = List.copyOf(resources == null ? List.of() : resources);
        libraries = List.copyOf(libraries == null ? List.of() : libraries);
        logBodies = List.copyOf(logBodies == null ? List.of() : logBodies);
        logSeverityTexts = List.copyOf(logSeverityTexts == null ? List.of() : logSeverityTexts);
        metricNames = List.copyOf(metricNames == null ? List.of() : metricNames);
        if (!logBodies.isEmpty()) {
            throw new IllegalArgumentException("log_bodies should not be specified for trace spans");
        }
        if (!logSeverityTexts.isEmpty()) {
            throw new IllegalArgumentException("log_severity_texts should not be specified for trace spans");
        }
        if (logSeverityNumber != null && !logSeverityNumber.isNull()) {
            throw new IllegalArgumentException("log_severity_number should not be specified for trace spans");
        }
        if (!metricNames.isEmpty()) {
            throw new IllegalArgumentException("metric_names should not be specified for trace spans");
        }
        if (matchType == null) {
            throw new IllegalArgumentException("match_type is required: strict or regexp");
        }
        if (services.isEmpty() && spanNames.isEmpty() && spanKinds.isEmpty() && attributes.isEmpty()
                && resources.isEmpty() && libraries.isEmpty()) {
            throw new IllegalArgumentException(
                    "at least one of \"services\", \"span_names\", \"span_kinds\", \"attributes\", \"libraries\" or \"resources\" must be specified");
        }
        if (matchType == MatchType.STRICT) {
            for (String kind : spanKinds) {
                if (!SPAN_KINDS.contains(kind)) {
                    throw new IllegalArgumentException("span_kinds string must match one of the standard span kinds when match_type=strict: " + SPAN_KINDS);
                }
            }
        }
    }
}
