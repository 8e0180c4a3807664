package io.tributary.processor.filtermatch;

import io.tributary.config.ConfigNode;
import io.tributary.core.data.Signal;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.filterset.RegexpConfig;
import java.util.List;

/**
 * One {@code include} or {@code exclude} section of otelcol's legacy matching
 * (filterconfig.MatchProperties), shared by spans, log records and metrics: every property given
 * must match; within a list of names, one match is enough; {@code attributes} and
 * {@code resources} must all match. Which keys a signal takes is checked by
 * {@link #validateFor}, as otelcol checks them when it creates the processor for a signal.
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
        SeverityNumber logSeverityNumber,
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

    /**
     * The least severity number a log record must have ({@code min}, a number: otelcol decodes it
     * into plog's integer type), and whether a record without one matches.
     */
    public record SeverityNumber(int min, boolean matchUndefined) {
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
        if (matchType == null) {
            throw new IllegalArgumentException("match_type is required: strict or regexp");
        }
    }

    /**
     * otelcol's {@code ValidateForSpans}, {@code ValidateForLogs} or {@code ValidateForMetrics}:
     * the keys of other signals are refused, and one of the signal's own must be given.
     *
     * @throws IllegalArgumentException in otelcol's words
     */
    public void validateFor(Signal<?> signal) {
        if (signal == Signal.TRACES) {
            validateForSpans();
        } else if (signal == Signal.LOGS) {
            validateForLogs();
        } else {
            validateForMetrics();
        }
    }

    private void validateForSpans() {
        refuse(!logBodies.isEmpty(), "log_bodies should not be specified for trace spans");
        refuse(!logSeverityTexts.isEmpty(), "log_severity_texts should not be specified for trace spans");
        refuse(logSeverityNumber != null, "log_severity_number should not be specified for trace spans");
        refuse(!metricNames.isEmpty(), "metric_names should not be specified for trace spans");
        refuse(services.isEmpty() && spanNames.isEmpty() && attributes.isEmpty() && libraries.isEmpty() && resources.isEmpty()
                && spanKinds.isEmpty(), "at least one of \"attributes\", \"libraries\",  or \"resources\" field must be specified");
        if (matchType == MatchType.STRICT) {
            refuse(!SPAN_KINDS.containsAll(spanKinds),
                    "span_kinds string must match one of the standard span kinds when match_type=strict: " + SPAN_KINDS);
        }
    }

    private void validateForLogs() {
        refuse(!spanNames.isEmpty() || !services.isEmpty() || !spanKinds.isEmpty() || !metricNames.isEmpty(),
                "services, span_names, span_kinds and metric_names are not valid for log records");
        refuse(attributes.isEmpty() && libraries.isEmpty() && resources.isEmpty() && logBodies.isEmpty()
                && logSeverityTexts.isEmpty() && logSeverityNumber == null, "at least one of \"attributes\", \"libraries\", "
                + "\"span_kinds\", \"resources\", \"log_bodies\", \"log_severity_texts\" or \"log_severity_number\" field must be specified");
    }

    private void validateForMetrics() {
        refuse(!logBodies.isEmpty() || !logSeverityTexts.isEmpty() || !spanNames.isEmpty() || !services.isEmpty()
                || !spanKinds.isEmpty() || !attributes.isEmpty() || !libraries.isEmpty() || logSeverityNumber != null,
                "\"span_names\", \"span_kinds\", \"log_bodies\", \"log_severity_texts\", \"log_severity_number\", \"services\", "
                        + "\"attributes\" and \"libraries\" are not valid for metrics");
        refuse(metricNames.isEmpty() && resources.isEmpty(), "at least one of \"metric_names\" or \"resources\" field must be specified");
    }

    private static void refuse(boolean broken, String message) {
        if (broken) {
            throw new IllegalArgumentException(message);
        }
    }
}
