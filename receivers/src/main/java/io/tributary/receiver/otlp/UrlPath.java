package io.tributary.receiver.otlp;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code *_url_path} as otelcol's otlpreceiver reads it: parsed as Go's {@code url.Parse} does
 * (so {@code :invalid}, a colon in the first segment, a control character or a bad {@code %}
 * escape are errors), then reduced to its unescaped path with a leading slash.
 */
final class UrlPath {
    private UrlPath() {
    }

    /** @throws IllegalArgumentException with otelcol's message */
    static String sanitize(String text) {
        String path;
        try {
            path = parse(text);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid HTTP URL path set for signal: parse \"" + text + "\": " + e.getMessage());
        }
        return path.startsWith("/") ? path : "/" + path;
    }

    private static String parse(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < 0x20 || c == 0x7f) {
                throw new IllegalArgumentException("net/url: invalid control character in URL");
            }
        }
        String rest = cut(text, '#');
        if (rest.equals("*")) {
            return "*";
        }
        String scheme = scheme(rest);
        rest = cut(rest.substring(scheme.isEmpty() ? 0 : scheme.length() + 1), '?');
        if (!rest.startsWith("/")) {
            if (!scheme.isEmpty()) {
                return ""; // an opaque URL such as mailto:x has no path
            }
            int slash = rest.indexOf('/');
            if ((slash < 0 ? rest : rest.substring(0, slash)).contains(":")) {
                throw new IllegalArgumentException("first path segment in URL cannot contain colon");
            }
        }
        if ((!scheme.isEmpty() || !rest.startsWith("///")) && rest.startsWith("//")) {
            int end = rest.indexOf('/', 2);
            rest = end < 0 ? "" : rest.substring(end);
        }
        return unescape(rest);
    }

    /** The text before {@code separator}, or all of it. */
    private static String cut(String text, char separator) {
        int at = text.indexOf(separator);
        return at < 0 ? text : text.substring(0, at);
    }

    /** Go's getScheme: letters, then letters, digits, '+', '-' or '.', ended by ':'. */
    private static String scheme(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            boolean letter = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
            boolean later = (c >= '0' && c <= '9') || c == '+' || c == '-' || c == '.';
            if (c == ':') {
                if (i == 0) {
                    throw new IllegalArgumentException("missing protocol scheme");
                }
                return text.substring(0, i);
            }
            if (!letter && !(later && i > 0)) {
                return "";
            }
        }
        return "";
    }

    private static String unescape(String text) {
        if (text.indexOf('%') < 0) {
            return text;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(text.length());
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] != '%') {
                out.write(bytes[i]);
                continue;
            }
            int high = i + 2 < bytes.length ? Character.digit(bytes[i + 1], 16) : -1;
            int low = high >= 0 ? Character.digit(bytes[i + 2], 16) : -1;
            if (low < 0) {
                String escape = text.substring(Math.min(i, text.length()), Math.min(i + 3, text.length()));
                throw new IllegalArgumentException("invalid URL escape \"" + escape + "\"");
            }
            out.write(high * 16 + low);
            i += 2;
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
