package io.tributary.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** {@code --name value} / {@code --name=value} command-line flags; unknown names are an error. */
final class Flags {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m)");

    private final Map<String, String> values = new HashMap<>();

    /** @param defaults every accepted flag with its default value, without the dashes */
    Flags(String[] args, Map<String, String> defaults) {
        values.putAll(defaults);
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--")) {
                throw new IllegalArgumentException("expected --flag, got " + arg);
            }
            int eq = arg.indexOf('=');
            String name = arg.substring(2, eq < 0 ? arg.length() : eq);
            if (!defaults.containsKey(name)) {
                throw new IllegalArgumentException("unknown flag --" + name + "; accepted: " + defaults.keySet());
            }
            if (eq < 0 && i + 1 == args.length) {
                throw new IllegalArgumentException("--" + name + " needs a value");
            }
            values.put(name, eq < 0 ? args[++i] : arg.substring(eq + 1));
        }
    }

    String string(String name) {
        return values.get(name);
    }

    int integer(String name) {
        return Integer.parseInt(values.get(name));
    }

    /** {@code true} or {@code false}, nothing else: a typo must not read as false. */
    boolean bool(String name) {
        return switch (values.get(name)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException("--" + name + " wants true or false, got " + values.get(name));
        };
    }

    /** {@code 500ms}, {@code 30s}, {@code 2m}. */
    Duration duration(String name) {
        Matcher m = DURATION.matcher(values.get(name));
        if (!m.matches()) {
            throw new IllegalArgumentException("--" + name + " wants a duration like 500ms, 30s or 2m, got " + values.get(name));
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            default -> Duration.ofMinutes(n);
        };
    }
}
