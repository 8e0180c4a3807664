package io.tributary.processor.filtermatch;

import io.opentelemetry.proto.common.v1.InstrumentationScope;
import io.opentelemetry.proto.logs.v1.LogRecord;
import io.opentelemetry.proto.resource.v1.Resource;
import io.tributary.processor.filterset.StringSet;

/** One match section compiled for log records (otelcol's filterlog); a property absent from it matches every record. */
final class LogMatcher implements ItemMatcher<LogRecord> {
    private final StringSet bodies;
    private final StringSet severityTexts;
    private final MatchProperties.SeverityNumber severityNumber;
    private final PropertiesMatcher properties;

    LogMatcher(MatchProperties section) {
        bodies = PropertiesMatcher.names(section.logBodies(), section.matchType());
        severityTexts = PropertiesMatcher.names(section.logSeverityTexts(), section.matchType());
        severityNumber = section.logSeverityNumber();
        properties = new PropertiesMatcher(section);
    }

    /** In otelcol's order: body (as text), severity text, severity number, then libraries, resource and record attributes. */
    @Override
    public boolean matches(Resource resource, InstrumentationScope scope, LogRecord record) {
        if (bodies != null && !bodies.matches(AttributeValues.asString(record.getBody()))) {
            return false;
        }
        if (severityTexts != null && !severityTexts.matches(record.getSeverityText())) {
            return false;
        }
        if (severityNumber != null && !severityMatches(record.getSeverityNumberValue())) {
            return false;
        }
        return properties.matches(record.getAttributesList(), resource, scope);
    }

    /** An unspecified severity matches only with {@code match_undefined}; any other at least {@code min}. */
    private boolean severityMatches(int severity) {
        return severity == 0 ? severityNumber.matchUndefined() : severity >= severityNumber.min();
    }
}
