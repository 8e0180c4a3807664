package io.tributary.processor.probabilisticsampler;

import java.util.ArrayList;
import java.util.List;

/**
 * A span's W3C {@code tracestate} with its OpenTelemetry member ({@code ot=rv:…;th:…}) parsed,
 * read and written as otelcol's {@code pkg/sampling} does: the same syntax checks and limits,
 * the same partial results on error, and the same serialization ({@code ot} first, then the other
 * vendors in arrival order; inside {@code ot}, {@code rv}, then {@code th}, then other fields).
 */
final class SamplingTraceState extends Carrier {
    static final String SIZE_ERROR = "invalid tracestate size";
    static final String SYNTAX_ERROR = "invalid syntax";

    private static final int MAX_W3C_LENGTH = 1024;
    private static final int MAX_MEMBERS = 32;
    private static final int MAX_KEY_LENGTH = 256;
    private static final int MAX_TENANT_LENGTH = 241;
    private static final int MAX_SYSTEM_LENGTH = 14;
    private static final int MAX_OTEL_LENGTH = 256;

    /** Other vendors' members, {@code key=value}, in arrival order. */
    private final List<String> vendors = new ArrayList<>(0);
    /** The {@code ot} member's other fields, {@code key:value}. */
    private final List<String> otelFields = new ArrayList<>(0);

    private SamplingTraceState() {
    }

    static SamplingTraceState parse(String raw) {
        SamplingTraceState state = new SamplingTraceState();
        if (raw.isEmpty()) {
            return state;
        }
        if (raw.length() > MAX_W3C_LENGTH) {
            state.fail(SIZE_ERROR);
            return state;
        }
        if (!validW3c(raw)) {
            state.fail(SYNTAX_ERROR);
            return state;
        }
        int members = 0;
        int pos = 0;
        while (pos < raw.length()) {
            // otelcol counts empty members too (but not one after a trailing comma), and stops at the 32nd.
            if (++members >= MAX_MEMBERS) {
                state.fail(SIZE_ERROR);
                return state;
            }
            int comma = raw.indexOf(',', pos);
            int end = comma < 0 ? raw.length() : comma;
            String member = trimOws(raw.substring(pos, end));
            pos = end + 1;
            int eq = member.indexOf('=');
            if (eq < 0) {
                continue;
            }
            String key = member.substring(0, eq);
            String value = member.substring(eq + 1);
            if (!withinKeyLimits(key)) {
                state.fail(SIZE_ERROR);
            } else if (key.equals("ot")) {
                state.parseOtel(value);
            } else {
                state.vendors.add(member);
            }
        }
        return state;
    }

    @Override
    void clearThreshold() {
        tValue = "";
        threshold = Otep235.ALWAYS;
    }

    @Override
    boolean updateThreshold(long newThreshold) {
        if (hasTValue() && threshold > newThreshold) {
            return false;
        }
        threshold = newThreshold;
        tValue = Otep235.tValue(newThreshold);
        return true;
    }

    String serialize() {
        StringBuilder out = new StringBuilder(64);
        if (hasRValue() || hasTValue() || !otelFields.isEmpty()) {
            out.append("ot=");
            int start = out.length();
            if (hasRValue()) {
                out.append("rv:").append(rValue);
            }
            if (hasTValue()) {
                separate(out, start, ';').append("th:").append(tValue);
            }
            for (String field : otelFields) {
                separate(out, start, ';').append(field);
            }
        }
        for (String vendor : vendors) {
            separate(out, 0, ',').append(vendor);
        }
        return out.toString();
    }

    private static StringBuilder separate(StringBuilder out, int start, char separator) {
        return out.length() > start ? out.append(separator) : out;
    }

    /** A later {@code ot} member replaces an earlier one, as in otelcol. */
    private void parseOtel(String value) {
        otelFields.clear();
        rValue = "";
        randomness = 0;
        tValue = "";
        threshold = Otep235.ALWAYS;
        if (value.length() > MAX_OTEL_LENGTH) {
            fail(SIZE_ERROR);
            return;
        }
        if (!validOtel(value)) {
            fail(SYNTAX_ERROR);
            return;
        }
        for (String field : value.split(";", -1)) {
            int colon = field.indexOf(':');
            String key = field.substring(0, colon);
            String text = field.substring(colon + 1);
            try {
                switch (key) {
                    case "rv" -> {
                        randomness = Otep235.parseRValue(text);
                        rValue = text;
                    }
                    case "th" -> {
                        threshold = Otep235.parseTValue(text);
                        tValue = text;
                    }
                    default -> otelFields.add(field);
                }
            } catch (Otep235.FormatException e) {
                if (key.equals("rv")) {
                    rValue = "";
                    randomness = 0;
                } else {
                    tValue = "";
                    threshold = Otep235.ALWAYS;
                }
                fail(e.getMessage());
            }
        }
    }

    private void fail(String message) {
        error = error == null ? message : error + "; " + message;
    }

    private static boolean withinKeyLimits(String key) {
        if (key.length() > MAX_KEY_LENGTH) {
            return false;
        }
        int at = key.indexOf('@');
        return at < 0 || (at <= MAX_TENANT_LENGTH && key.length() - at - 1 <= MAX_SYSTEM_LENGTH);
    }

    private static String trimOws(String text) {
        int start = 0;
        int end = text.length();
        while (start < end && isOws(text.charAt(start))) {
            start++;
        }
        while (end > start && isOws(text.charAt(end - 1))) {
            end--;
        }
        return text.substring(start, end);
    }

    private static boolean isOws(char c) {
        return c == ' ' || c == '\t';
    }

    /** list = member *( OWS "," OWS member ), empty members allowed; member = key "=" value. */
    private static boolean validW3c(String raw) {
        for (String item : raw.split(",", -1)) {
            String member = trimOws(item);
            if (member.isEmpty()) {
                continue;
            }
            int eq = member.indexOf('=');
            if (eq < 1 || !validW3cKey(member.substring(0, eq)) || !validW3cValue(member.substring(eq + 1))) {
                return false;
            }
        }
        return true;
    }

    private static boolean validW3cKey(String key) {
        int at = key.indexOf('@');
        if (at < 0) {
            return isLcAlpha(key.charAt(0)) && keyChars(key, 1, key.length());
        }
        if (at == 0 || at == key.length() - 1) {
            return false;
        }
        return isLcAlphaNum(key.charAt(0)) && keyChars(key, 1, at)
                && isLcAlpha(key.charAt(at + 1)) && keyChars(key, at + 2, key.length());
    }

    private static boolean keyChars(String key, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = key.charAt(i);
            if (!(isLcAlphaNum(c) || c == '_' || c == '-' || c == '*' || c == '/')) {
                return false;
            }
        }
        return true;
    }

    /** 1–256 printable ASCII characters other than ',' and '=', not ending in a space. */
    private static boolean validW3cValue(String value) {
        if (value.isEmpty() || value.length() > 256 || value.charAt(value.length() - 1) == ' ') {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e || c == ',' || c == '=') {
                return false;
            }
        }
        return true;
    }

    /** list = member *( ";" member ), no empty members; member = lcalpha *(lcalpha / DIGIT) ":" *[A-Za-z0-9._-]. */
    private static boolean validOtel(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (String field : value.split(";", -1)) {
            int colon = field.indexOf(':');
            if (colon < 1 || !isLcAlpha(field.charAt(0))) {
                return false;
            }
            for (int i = 1; i < colon; i++) {
                if (!isLcAlphaNum(field.charAt(i))) {
                    return false;
                }
            }
            for (int i = colon + 1; i < field.length(); i++) {
                char c = field.charAt(i);
                if (!(isLcAlphaNum(c) || (c >= 'A' && c <= 'Z') || c == '.' || c == '_' || c == '-')) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isLcAlpha(char c) {
        return c >= 'a' && c <= 'z';
    }

    private static boolean isLcAlphaNum(char c) {
        return isLcAlpha(c) || (c >= '0' && c <= '9');
    }
}
