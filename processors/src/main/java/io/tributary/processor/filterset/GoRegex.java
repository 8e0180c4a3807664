package io.tributary.processor.filterset;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A regular expression written for Go's {@code regexp} package, compiled for {@code java.util.regex}.
 * Go names groups {@code (?P<name>...)} or {@code (?<name>...)} with any word characters, Java only
 * {@code (?<name>...)} with letters and digits; so every named group is renamed for Java and its
 * Go name kept by group number. Go's {@code MatchString} reports a match anywhere in the string,
 * which is Java's {@link Matcher#find()}, not {@code matches()}.
 */
public final class GoRegex {
    private final Pattern pattern;
    /** The pattern without its outer {@code .*}s, for {@link #matches}: the same answers in linear time. */
    private final Pattern finder;
    private final List<String> groupNames;

    private GoRegex(Pattern pattern, Pattern finder, List<String> groupNames) {
        this.pattern = pattern;
        this.finder = finder;
        this.groupNames = groupNames;
    }

    /** @throws IllegalArgumentException when the expression does not compile */
    public static GoRegex compile(String expression) {
        List<String> names = new ArrayList<>();
        String translated = translate(expression, names);
        Pattern pattern;
        try {
            pattern = Pattern.compile(translated);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("invalid regexp '" + expression + "': " + e.getDescription());
        }
        String stripped = DotStars.strip(translated);
        Pattern finder = stripped.equals(translated) ? pattern : Pattern.compile(stripped);
        return new GoRegex(pattern, finder, Collections.unmodifiableList(names));
    }

    /** Go's {@code MatchString}: true when the expression matches any part of {@code text}. */
    public boolean matches(CharSequence text) {
        return finder.matcher(text).find();
    }

    /** What {@link #matches} runs, in Java syntax. */
    String findPattern() {
        return finder.pattern();
    }

    /** A matcher over {@code text}, to {@code find()} and read groups by number. */
    public Matcher matcher(CharSequence text) {
        return pattern.matcher(text);
    }

    /** Go's {@code SubexpNames} without the whole match: the name of each capturing group by position, "" when unnamed. */
    public List<String> groupNames() {
        return groupNames;
    }

    /**
     * Renames named groups to {@code g1}, {@code g2}, ... and records every capturing group's Go
     * name; escapes and character classes are skipped, since a parenthesis there opens no group.
     */
    private static String translate(String expression, List<String> names) {
        StringBuilder out = new StringBuilder(expression.length());
        boolean inClass = false;
        for (int i = 0; i < expression.length(); i++) {
            char c = expression.charAt(i);
            if (c == '\\' && i + 1 < expression.length()) {
                if (expression.charAt(i + 1) == 'Q') {
                    int end = expression.indexOf("\\E", i + 2);
                    end = end < 0 ? expression.length() : end + 2;
                    out.append(expression, i, end);
                    i = end - 1;
                } else {
                    out.append(c).append(expression.charAt(++i));
                }
                continue;
            }
            if (inClass) {
                inClass = c != ']';
                out.append(c);
                continue;
            }
            if (c == '[') {
                inClass = true;
                out.append(c);
                // A ']' right after '[' or '[^' is a literal member, not the end of the class.
                int next = i + 1;
                if (next < expression.length() && expression.charAt(next) == '^') {
                    out.append('^');
                    next++;
                }
                if (next < expression.length() && expression.charAt(next) == ']') {
                    out.append(']');
                    next++;
                }
                i = next - 1;
                continue;
            }
            if (c == '(') {
                int nameStart = namedGroupStart(expression, i);
                if (nameStart > 0) {
                    int nameEnd = expression.indexOf('>', nameStart);
                    if (nameEnd > nameStart) {
                        names.add(expression.substring(nameStart, nameEnd));
                        out.append("(?<g").append(names.size()).append('>');
                        i = nameEnd;
                        continue;
                    }
                } else if (!expression.startsWith("(?", i)) {
                    names.add("");
                }
            }
            out.append(c);
        }
        return out.toString();
    }

    /** Where the name of a group opened at {@code i} starts, or -1 when it is no named group. */
    private static int namedGroupStart(String expression, int i) {
        if (expression.startsWith("(?P<", i)) {
            return i + 4;
        }
        if (expression.startsWith("(?<", i) && !expression.startsWith("(?<=", i) && !expression.startsWith("(?<!", i)) {
            return i + 3;
        }
        return -1;
    }
}
