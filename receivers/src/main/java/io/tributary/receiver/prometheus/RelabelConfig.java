package io.tributary.receiver.prometheus;

import io.tributary.config.Problems;
import java.util.List;
import java.util.Locale;

/**
 * One rule of {@code relabel_configs} or {@code metric_relabel_configs}, with Prometheus' defaults
 * ({@code action: replace}, {@code separator: ;}, {@code regex: (.*)}, {@code replacement: $1})
 * and its checks. {@code regex} is anchored at both ends; {@code replacement} and a
 * {@code target_label} of {@code replace} expand {@code $1}, {@code ${1}}, {@code $name}. Note
 * that the collector's config expands {@code ${...}} from the environment first, so
 * {@code ${1}} must be written {@code $${1}}, as in otelcol.
 */
public record RelabelConfig(
        List<String> sourceLabels,
        String separator,
        String regex,
        long modulus,
        String targetLabel,
        String replacement,
        String action) {
    static final String DEFAULT_REGEX = "(.*)";
    static final String DEFAULT_REPLACEMENT = "$1";

    /** The actions Prometheus knows. */
    enum Action { REPLACE, KEEP, DROP, KEEPEQUAL, DROPEQUAL, HASHMOD, LABELMAP, LABELDROP, LABELKEEP, LOWERCASE, UPPERCASE }

    public RelabelConfig {
        // Unwritten keys take Prometheus' defaults; a key written empty stays empty.
        sourceLabels = sourceLabels == null ? List.of() : List.copyOf(sourceLabels);
        separator = separator == null ? ";" : separator;
        regex = regex == null ? DEFAULT_REGEX : regex;
        targetLabel = targetLabel == null ? "" : targetLabel;
        replacement = replacement == null ? DEFAULT_REPLACEMENT : replacement;
        action = action == null ? "replace" : action;
        Problems problems = new Problems();
        Action parsed = parseAction(action);
        if (action.isEmpty()) {
            problems.add("action", "relabel action cannot be empty");
        } else if (parsed == null) {
            problems.add("action", "unknown relabel action \"" + action + "\"");
        }
        try {
            GoRegex.anchored(regex);
        } catch (IllegalArgumentException e) {
            problems.add("regex", e.getMessage());
        }
        if (parsed != null) {
            check(problems, parsed, sourceLabels, separator, regex, modulus, targetLabel, replacement);
        }
        problems.throwIfAny();
    }

    private static void check(Problems problems, Action action, List<String> sourceLabels, String separator, String regex,
            long modulus, String targetLabel, String replacement) {
        String name = action.name().toLowerCase(Locale.ROOT);
        problems.when(action == Action.HASHMOD && modulus == 0, "modulus", "relabel configuration for hashmod requires non-zero modulus");
        boolean needsTarget = switch (action) {
            case REPLACE, HASHMOD, LOWERCASE, UPPERCASE, KEEPEQUAL, DROPEQUAL -> true;
            default -> false;
        };
        problems.when(needsTarget && targetLabel.isEmpty(), "target_label",
                "relabel configuration for " + name + " action requires 'target_label' value");
        boolean equality = action == Action.KEEPEQUAL || action == Action.DROPEQUAL;
        problems.when((equality || action == Action.LOWERCASE || action == Action.UPPERCASE) && !replacement.equals(DEFAULT_REPLACEMENT),
                "replacement", "'replacement' can not be set for " + name + " action");
        problems.when(equality && (!regex.equals(DEFAULT_REGEX) || modulus != 0 || !separator.equals(";")), "action",
                name + " action requires only 'source_labels' and `target_label`, and no other fields");
        problems.when((action == Action.LABELDROP || action == Action.LABELKEEP) && (!sourceLabels.isEmpty() || !targetLabel.isEmpty()
                || modulus != 0 || !separator.equals(";") || !replacement.equals(DEFAULT_REPLACEMENT)), "action",
                name + " action requires only 'regex', and no other fields");
    }

    Action parsedAction() {
        return parseAction(action);
    }

    private static Action parseAction(String action) {
        for (Action a : Action.values()) {
            if (a.name().equalsIgnoreCase(action)) {
                return a;
            }
        }
        return null;
    }
}
