package io.tributary.connector.routing;

import io.tributary.core.client.ClientInfo;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A condition of the {@code request} context: {@code request["<name>"] == "<value>"} or
 * {@code !=}, the only grammar otelcol reads there, with its leniency (the patterns may match
 * anywhere in each side) and its messages. It holds when some value of the request's metadata
 * {@code <name>} (case-insensitive; present only with the receiver's {@code include_metadata})
 * equals the value, or for {@code !=} differs from it; a request without that metadata never
 * matches, whichever the operator.
 */
final class RequestCondition {
    private static final Pattern COMPARATOR = Pattern.compile("==|!=");
    private static final Pattern FIELD = Pattern.compile("request\\[\".*\"\\]");
    private static final Pattern VALUE = Pattern.compile("\".*\"");

    private final String name;
    private final String value;
    private final boolean equal;

    private RequestCondition(String name, String value, boolean equal) {
        this.name = name;
        this.value = value;
        this.equal = equal;
    }

    /** @throws IllegalArgumentException in otelcol's words */
    static RequestCondition parse(String condition) {
        if (condition.isEmpty()) {
            throw new IllegalArgumentException("condition is empty");
        }
        Matcher comparator = COMPARATOR.matcher(condition);
        if (!comparator.find()) {
            throw new IllegalArgumentException("condition does not contain a valid comparator");
        }
        int at = comparator.start();
        String operator = comparator.group();
        if (comparator.find()) {
            throw new IllegalArgumentException("condition contains multiple comparators");
        }
        String left = condition.substring(0, at).strip();
        String right = condition.substring(at + operator.length()).strip();
        if (!FIELD.matcher(left).find()) {
            throw new IllegalArgumentException("condition must have format 'request[\"<name>\"] <comparator> <value>'");
        }
        if (!VALUE.matcher(right).find()) {
            throw new IllegalArgumentException("condition must have format 'request[\"<name>\"] <comparator> \"<value>\"'");
        }
        return new RequestCondition(trimSuffix(trimPrefix(left, "request[\""), "\"]"), trimSuffix(trimPrefix(right, "\""), "\""),
                operator.equals("=="));
    }

    boolean matches(ClientInfo client) {
        List<String> values = client.metadata(name);
        for (String candidate : values) {
            if (candidate.equals(value) == equal) {
                return true;
            }
        }
        return false;
    }

    private static String trimPrefix(String text, String prefix) {
        return text.startsWith(prefix) ? text.substring(prefix.length()) : text;
    }

    private static String trimSuffix(String text, String suffix) {
        return text.endsWith(suffix) ? text.substring(0, text.length() - suffix.length()) : text;
    }
}
