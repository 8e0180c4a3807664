package io.tributary.translator.zipkin;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads back the little JSON otelcol puts inside Zipkin annotations and link tags (written by
 * {@link io.tributary.translator.AttributeJson}): flat objects where, as in otelcol, only string,
 * number and boolean members are kept.
 */
final class Json {
    private final String text;
    private int pos;

    private Json(String text) {
        this.text = text;
    }

    /**
     * @throws IllegalArgumentException when {@code object} is not a JSON object
     */
    static List<KeyValue> readObject(String object) {
        Json json = new Json(object);
        List<KeyValue> members = json.object();
        json.skipSpace();
        if (json.pos != object.length()) {
            throw json.error("trailing characters");
        }
        return members;
    }

    private List<KeyValue> object() {
        expect('{');
        List<KeyValue> members = new ArrayList<>();
        skipSpace();
        if (peek() == '}') {
            pos++;
            return members;
        }
        do {
            skipSpace();
            String key = string();
            skipSpace();
            expect(':');
            skipSpace();
            AnyValue value = value();
            if (value != null) {
                members.add(KeyValue.newBuilder().setKey(key).setValue(value).build());
            }
            skipSpace();
        } while (next() == ',');
        pos--;
        expect('}');
        return members;
    }

    /** Null for a value otelcol drops (null, arrays, nested objects). */
    private AnyValue value() {
        char c = peek();
        if (c == '"') {
            return AnyValue.newBuilder().setStringValue(string()).build();
        }
        if (c == '{') {
            object();
            return null;
        }
        if (c == '[') {
            array();
            return null;
        }
        if (text.startsWith("true", pos) || text.startsWith("false", pos)) {
            boolean value = c == 't';
            pos += value ? 4 : 5;
            return AnyValue.newBuilder().setBoolValue(value).build();
        }
        if (text.startsWith("null", pos)) {
            pos += 4;
            return null;
        }
        return number();
    }

    private void array() {
        expect('[');
        skipSpace();
        if (peek() == ']') {
            pos++;
            return;
        }
        do {
            skipSpace();
            value();
            skipSpace();
        } while (next() == ',');
        pos--;
        expect(']');
    }

    /** JSON numbers are doubles; a whole one becomes an int, as otelcol reads them. */
    private AnyValue number() {
        int start = pos;
        while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        double d;
        try {
            d = Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("invalid value");
        }
        return d == Math.rint(d) && Math.abs(d) < 0x1p63
                ? AnyValue.newBuilder().setIntValue((long) d).build()
                : AnyValue.newBuilder().setDoubleValue(d).build();
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        for (char c; (c = next()) != '"'; ) {
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char escaped = next();
            switch (escaped) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("truncated escape");
                    }
                    try {
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException e) {
                        throw error("invalid escape");
                    }
                    pos += 4;
                }
                default -> out.append(escaped);
            }
        }
        return out.toString();
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private char peek() {
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        return text.charAt(pos);
    }

    private char next() {
        char c = peek();
        pos++;
        return c;
    }

    private void expect(char c) {
        if (next() != c) {
            throw error("expected '" + c + "'");
        }
    }

    private IllegalArgumentException error(String message) {
        return new IllegalArgumentException("invalid JSON in annotation at " + pos + ": " + message);
    }
}
