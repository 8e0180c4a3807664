package io.tributary.config;

import java.util.function.Function;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Expands {@code ${env:VAR}}, {@code ${VAR}}, {@code ${env:VAR:-default}} and {@code $$} in a
 * scalar, following otelcol's rules: an unset variable without a default becomes empty (with a
 * warning), a {@code $} not starting a reference stays as written.
 */
final class EnvExpander {
    private static final Logger LOG = LoggerFactory.getLogger(EnvExpander.class);
    private static final Pattern VARIABLE_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");
    private static final String DEFAULT_SEPARATOR = ":-";

    private final Function<String, String> env;

    EnvExpander(Function<String, String> env) {
        this.env = env;
    }

    /** True when the whole text is one {@code ${...}} reference. */
    static boolean isSingleReference(String text) {
        return text.startsWith("${") && text.indexOf('}') == text.length() - 1;
    }

    /** @throws IllegalArgumentException naming a bad reference */
    String expand(String text) {
        if (text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            char next = i + 1 < text.length() ? text.charAt(i + 1) : 0;
            int close = c == '$' && next == '{' ? text.indexOf('}', i) : -1;
            if (c == '$' && next == '$') {
                out.append('$');
                i += 2;
            } else if (close > 0) {
                out.append(resolve(text.substring(i + 2, close)));
                i = close + 1;
            } else {
                // A lone '$' or an unterminated '${' stays as written, as in otelcol.
                out.append(c);
                i++;
            }
        }
        return out.toString();
    }

    private String resolve(String reference) {
        String body = reference;
        int colon = reference.indexOf(':');
        // ${VAR:-default} (shell form) has a colon but no scheme.
        if (colon >= 0 && !reference.startsWith(DEFAULT_SEPARATOR, colon)) {
            String scheme = reference.substring(0, colon);
            if (!scheme.equals("env")) {
                throw new IllegalArgumentException("unsupported scheme '" + scheme + "' in '${" + reference
                        + "}' (supported: env, as in ${env:VAR})");
            }
            body = reference.substring(colon + 1);
        }
        String name = body;
        String fallback = null;
        int separator = body.indexOf(DEFAULT_SEPARATOR);
        if (separator >= 0) {
            name = body.substring(0, separator);
            fallback = body.substring(separator + DEFAULT_SEPARATOR.length());
        }
        if (!VARIABLE_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("invalid environment variable name '" + name + "' in '${" + reference + "}'");
        }
        String value = env.apply(name);
        if (fallback != null) {
            return value == null || value.isEmpty() ? fallback : value;
        }
        if (value == null) {
            LOG.warn("Environment variable {} is not set; using an empty value", name);
            return "";
        }
        return value;
    }
}
