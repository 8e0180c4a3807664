package io.tributary.processor.filter;

import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.filtermatch.MatchProperties;
import io.tributary.processor.filtermatch.MatchProperties.Attribute;
import io.tributary.processor.ottl.LogCondition;
import io.tributary.processor.ottl.ResourceCondition;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The {@code logs} section of otelcol's filterprocessor: legacy {@code include}/{@code exclude}
 * matching of log records, or OTTL conditions of the resource and log contexts (not both).
 */
record LogFilters(
        LogMatch include,
        LogMatch exclude,
        List<ResourceCondition> resource,
        List<LogCondition> logRecord) {
    static final LogFilters DEFAULT = new LogFilters(null, null, null, null);

    LogFilters {
        resource = resource == null ? List.of() : List.copyOf(resource);
        logRecord = logRecord == null ? List.of() : List.copyOf(logRecord);
        if ((!resource.isEmpty() || !logRecord.isEmpty()) && (include != null || exclude != null)) {
            throw new IllegalArgumentException("cannot use \"logs.resource\", \"logs.log\" and the settings \"logs.include\", "
                    + "\"logs.exclude\" at the same time");
        }
    }

    boolean isSet() {
        return hasConditions() || include != null || exclude != null;
    }

    boolean hasConditions() {
        return !resource.isEmpty() || !logRecord.isEmpty();
    }

    /** One {@code include} or {@code exclude} (otelcol's LogMatchProperties). */
    record LogMatch(
            MatchType matchType,
            List<Attribute> resourceAttributes,
            List<Attribute> recordAttributes,
            List<String> severityTexts,
            SeverityNumber severityNumber,
            List<String> bodies) {
        LogMatch {
            resourceAttributes = resourceAttributes == null ? List.of() : List.copyOf(resourceAttributes);
            recordAttributes = recordAttributes == null ? List.of() : List.copyOf(recordAttributes);
            severityTexts = severityTexts == null ? List.of() : List.copyOf(severityTexts);
            bodies = bodies == null ? List.of() : List.copyOf(bodies);
            if (matchType == null) {
                throw new IllegalArgumentException("match_type is required: strict or regexp");
            }
            if (matchType == MatchType.REGEXP) {
                Stream.concat(severityTexts.stream(), bodies.stream()).forEach(GoRegex::compile);
            }
        }

        /** otelcol ignores a section that names nothing to match. */
        boolean isEmpty() {
            return resourceAttributes.isEmpty() && recordAttributes.isEmpty() && severityTexts.isEmpty() && bodies.isEmpty()
                    && severityNumber == null;
        }

        /** The section as the shared match properties, as otelcol turns it into them. */
        MatchProperties matchProperties() {
            return new MatchProperties(matchType, null, null, null, null, recordAttributes, resourceAttributes, null, bodies,
                    severityTexts, severityNumber == null ? null
                            : new MatchProperties.SeverityNumber(severityNumber.number(), severityNumber.matchUndefined()), null);
        }
    }

    /** The least severity a record must have, by number ({@code 1}–{@code 24}) or name ({@code WARN}, {@code error2}, …). */
    record SeverityNumber(String min, boolean matchUndefined) {
        private static final Map<String, Integer> SEVERITIES = severities();

        SeverityNumber {
            if (min != null && !min.isEmpty() && !SEVERITIES.containsKey(min.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + min + "' is not a valid severity");
            }
        }

        /** The number {@code min} stands for; 0 (unspecified) when empty, which every severity passes. */
        int number() {
            return min == null ? 0 : SEVERITIES.getOrDefault(min.toUpperCase(Locale.ROOT), 0);
        }

        /** {@code 1}–{@code 24} and the names {@code TRACE} … {@code FATAL4} for them. */
        private static Map<String, Integer> severities() {
            Map<String, Integer> severities = new HashMap<>();
            List<String> levels = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
            for (int level = 0; level < levels.size(); level++) {
                for (int step = 1; step <= 4; step++) {
                    int number = level * 4 + step;
                    severities.put(levels.get(level) + (step == 1 ? "" : Integer.toString(step)), number);
                    severities.put(Integer.toString(number), number);
                }
            }
            return Map.copyOf(severities);
        }
    }
}
