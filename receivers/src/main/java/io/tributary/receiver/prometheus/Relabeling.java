package io.tributary.receiver.prometheus;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A list of relabeling rules applied in order to a label set, as Prometheus' {@code relabel}
 * package does: a label set to {@code ""} is removed, a missing label reads as {@code ""}, and
 * {@code keep}/{@code drop} end the list with the verdict.
 */
final class Relabeling {
    static final Relabeling NONE = new Relabeling(List.of());

    private record Rule(RelabelConfig config, RelabelConfig.Action action, Pattern regex) {
        boolean defaultRegex() {
            return config.regex().equals(RelabelConfig.DEFAULT_REGEX);
        }
    }

    private final List<Rule> rules;

    private Relabeling(List<Rule> rules) {
        this.rules = rules;
    }

    static Relabeling of(List<RelabelConfig> configs) {
        List<Rule> rules = new ArrayList<>();
        for (RelabelConfig config : configs) {
            rules.add(new Rule(config, config.parsedAction(), GoRegex.anchored(config.regex())));
        }
        return rules.isEmpty() ? NONE : new Relabeling(List.copyOf(rules));
    }

    boolean isEmpty() {
        return rules.isEmpty();
    }

    /** Applies the rules to {@code labels} in place; false when a rule drops the whole set. */
    boolean apply(SortedMap<String, String> labels) {
        for (Rule rule : rules) {
            if (!apply(rule, labels)) {
                return false;
            }
        }
        return true;
    }

    private static boolean apply(Rule rule, SortedMap<String, String> labels) {
        RelabelConfig config = rule.config();
        List<String> values = new ArrayList<>(config.sourceLabels().size());
        for (String name : config.sourceLabels()) {
            values.add(labels.getOrDefault(name, ""));
        }
        String value = String.join(config.separator(), values);
        switch (rule.action()) {
            case DROP -> {
                return !rule.regex().matcher(value).matches();
            }
            case KEEP -> {
                return rule.regex().matcher(value).matches();
            }
            case DROPEQUAL -> {
                return !labels.getOrDefault(config.targetLabel(), "").equals(value);
            }
            case KEEPEQUAL -> {
                return labels.getOrDefault(config.targetLabel(), "").equals(value);
            }
            case REPLACE -> replace(rule, labels, value);
            case LOWERCASE -> set(labels, config.targetLabel(), value.toLowerCase(Locale.ROOT));
            case UPPERCASE -> set(labels, config.targetLabel(), value.toUpperCase(Locale.ROOT));
            case HASHMOD -> set(labels, config.targetLabel(), Long.toUnsignedString(Long.remainderUnsigned(md5Tail(value), config.modulus())));
            case LABELMAP -> {
                for (Map.Entry<String, String> label : List.copyOf(labels.entrySet())) {
                    Matcher m = rule.regex().matcher(label.getKey());
                    if (m.matches()) {
                        String name = GoRegex.expand(config.replacement(), m);
                        if (!name.isEmpty()) {
                            set(labels, name, label.getValue());
                        }
                    }
                }
            }
            case LABELDROP -> labels.keySet().removeIf(name -> rule.regex().matcher(name).matches());
            case LABELKEEP -> labels.keySet().removeIf(name -> !rule.regex().matcher(name).matches());
        }
        return true;
    }

    private static void replace(Rule rule, SortedMap<String, String> labels, String value) {
        RelabelConfig config = rule.config();
        // Prometheus' fast path: with nothing to match or expand, the replacement is set as written.
        if (value.isEmpty() && rule.defaultRegex() && !config.targetLabel().contains("$") && !config.replacement().contains("$")) {
            set(labels, config.targetLabel(), config.replacement());
            return;
        }
        Matcher m = rule.regex().matcher(value);
        if (!m.matches()) {
            return;
        }
        String target = GoRegex.expand(config.targetLabel(), m);
        if (target.isEmpty()) {
            return;
        }
        set(labels, target, GoRegex.expand(config.replacement(), m));
    }

    private static void set(SortedMap<String, String> labels, String name, String value) {
        if (value.isEmpty()) {
            labels.remove(name);
        } else {
            labels.put(name, value);
        }
    }

    /** The last 8 bytes of the value's MD5, big-endian, as Prometheus' hashmod reads them. */
    private static long md5Tail(String value) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(value.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest, 8, 8).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has MD5", e);
        }
    }
}
