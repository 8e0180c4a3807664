package io.tributary.processor.filter;

import io.tributary.processor.filterset.GoRegex;
import io.tributary.processor.filterset.MatchType;
import io.tributary.processor.filterspan.MatchProperties.Attribute;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The {@code logs} section of otelcol's filterprocessor: legacy {@code include}/{@code exclude}
 * matching of log records, or OTTL conditions of the resource and log contexts. Tributary carries
 * traces only: the section is bound and checked as otelcol checks it (severities, patterns,
 * condition syntax, the two styles not mixed) so that otelcol configs load, and filters nothing.
 */
record LogFilters(
        LogMatch include,
        LogMatch exclude,
        List<SyntaxCheckedCondition> resource,
        List<SyntaxCheckedCondition> logRecord) {
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
        return !resource.isEmpty() || !logRecord.isEmpty() || include != null || exclude != null;
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
    }

    /** The least severity a record must have, by number ({@code 1}–{@code 24}) or name ({@code WARN}, {@code error2}, …). */
    record SeverityNumber(String min, boolean matchUndefined) {
        private static final Set<String> SEVERITIES = Stream.concat(
                IntStream.rangeClosed(1, 24).mapToObj(Integer::toString),
                Stream.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL")
                        .flatMap(name -> Stream.of(name, name + "2", name + "3", name + "4")))
                .collect(Collectors.toUnmodifiableSet());

        SeverityNumber {
            if (min != null && !min.isEmpty() && !SEVERITIES.contains(min.toUpperCase(Locale.ROOT))) {
                throw new IllegalArgumentException("'" + min + "' is not a valid severity");
            }
        }
    }
}
