package io.tributary.receiver.prometheus;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Prometheus' relabeling regular expressions (Go's RE2 syntax) on Java's engine: the spellings
 * that differ are rewritten ({@code (?P<name>...)}, POSIX classes such as {@code [[:alpha:]]}),
 * and replacement templates expand as Go's {@code Regexp.Expand} does.
 */
final class GoRegex {
    private static final Map<String, String> POSIX_CLASSES = Map.ofEntries(
            Map.entry("alnum", "\\p{Alnum}"), Map.entry("alpha", "\\p{Alpha}"), Map.entry("ascii", "\\p{ASCII}"),
            Map.entry("blank", "\\p{Blank}"), Map.entry("cntrl", "\\p{Cntrl}"), Map.entry("digit", "\\p{Digit}"),
            Map.entry("graph", "\\p{Graph}"), Map.entry("lower", "\\p{Lower}"), Map.entry("print", "\\p{Print}"),
            Map.entry("punct", "\\p{Punct}"), Map.entry("space", "\\p{Space}"), Map.entry("upper", "\\p{Upper}"),
            Map.entry("word", "\\w"), Map.entry("xdigit", "\\p{XDigit}"));
    private static final Pattern POSIX_CLASS = Pattern.compile("\\[:(\\^?)([a-z]+):]");

    private GoRegex() {
    }

    /**
     * {@code regex} matching whole values only, as Prometheus anchors it ({@code ^(?s:regex)$});
     * use it with {@link Matcher#matches()}.
     *
     * @throws IllegalArgumentException for a regular expression that does not compile
     */
    static Pattern anchored(String regex) {
        try {
            return Pattern.compile("(?s:" + toJava(regex) + ")");
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("error parsing regexp: " + e.getDescription() + ": `" + regex + "`");
        }
    }

    private static String toJava(String regex) {
        String named = regex.replace("(?P<", "(?<");
        Matcher posix = POSIX_CLASS.matcher(named);
        StringBuilder out = new StringBuilder();
        while (posix.find()) {
            String java = POSIX_CLASSES.get(posix.group(2));
            String replacement = java == null ? posix.group()
                    : posix.group(1).isEmpty() ? java : java.equals("\\w") ? "\\W" : "\\P" + java.substring(2);
            posix.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        posix.appendTail(out);
        return out.toString();
    }

    /** {@code template} with {@code $1}, {@code ${1}}, {@code $name}, {@code ${name}} replaced from {@code match}, {@code $$} as {@code $}. */
    static String expand(String template, Matcher match) {
        StringBuilder out = new StringBuilder();
        int i = 0;
        while (i < template.length()) {
            char c = template.charAt(i);
            if (c != '$') {
                out.append(c);
                i++;
                continue;
            }
            if (i + 1 < template.length() && template.charAt(i + 1) == '$') {
                out.append('$');
                i += 2;
                continue;
            }
            boolean brace = i + 1 < template.length() && template.charAt(i + 1) == '{';
            int start = brace ? i + 2 : i + 1;
            int end = start;
            while (end < template.length() && isNameChar(template.charAt(end))) {
                end++;
            }
            boolean closed = !brace || end < template.length() && template.charAt(end) == '}';
            if (end == start || !closed) {
                // Malformed: Go keeps the '$' as written.
                out.append('$');
                i++;
                continue;
            }
            out.append(group(match, template.substring(start, end)));
            i = brace ? end + 1 : end;
        }
        return out.toString();
    }

    private static String group(Matcher match, String name) {
        String value;
        if (name.chars().allMatch(Character::isDigit)) {
            int number = name.length() > 8 ? -1 : Integer.parseInt(name);
            value = number >= 0 && number <= match.groupCount() ? match.group(number) : null;
        } else {
            try {
                value = match.group(name);
            } catch (IllegalArgumentException noSuchGroup) {
                value = null;
            }
        }
        return value == null ? "" : value;
    }

    private static boolean isNameChar(char c) {
        return c == '_' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z';
    }
}
