package io.tributary.core.telemetry;

import io.tributary.config.ConfigNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The request headers of a periodic reader's {@code otlp} exporter, in the two spellings otelcol
 * reads: {@code headers} as the configuration schema's list of {@code name}/{@code value} pairs
 * (a pair without a value is skipped) or its older map, and {@code headers_list} as a W3C baggage
 * string ({@code k=v,k2=v2}, values percent-decoded, {@code ;} properties dropped).
 */
final class PushHeaders {
    /** RFC 7230 token characters besides letters and digits: what a baggage key may hold. */
    private static final String TOKEN_SYMBOLS = "!#$%&'*+-.^_`|~";

    private PushHeaders() {
    }

    /** @throws IllegalArgumentException for a shape that is neither a list of pairs nor a map of strings */
    static Map<String, String> of(ConfigNode headers) {
        Map<String, String> values = new LinkedHashMap<>();
        if (headers == null || headers.isNull()) {
            return values;
        }
        switch (headers.kind()) {
            case LIST -> {
                for (ConfigNode pair : headers.items()) {
                    if (pair.kind() != ConfigNode.Kind.MAP || scalar(pair.get("name")) == null
                            || !pair.entries().keySet().stream().allMatch(key -> key.equals("name") || key.equals("value"))) {
                        throw new IllegalArgumentException("expected a list of {name, value} pairs");
                    }
                    ConfigNode value = pair.get("value");
                    if (value != null && !value.isNull()) {
                        values.put(scalar(pair.get("name")), scalarOrFail(value));
                    }
                }
            }
            case MAP -> headers.entries().forEach((name, value) -> values.put(name, value.isNull() ? "" : scalarOrFail(value)));
            default -> throw new IllegalArgumentException("expected a list of {name, value} pairs");
        }
        return values;
    }

    /** @throws IllegalArgumentException naming the first member that is not {@code key=value} with a token key */
    static Map<String, String> ofList(String list) {
        Map<String, String> values = new LinkedHashMap<>();
        if (list == null || list.isEmpty()) {
            return values;
        }
        for (String member : list.split(",", -1)) {
            String keyValue = member.split(";", 2)[0];
            int equals = keyValue.indexOf('=');
            String key = equals < 0 ? "" : keyValue.substring(0, equals).strip();
            if (key.isEmpty() || !key.chars().allMatch(c -> c < 128 && (Character.isLetterOrDigit(c) || TOKEN_SYMBOLS.indexOf(c) >= 0))) {
                throw new IllegalArgumentException("invalid headers list: invalid member \"" + member + "\"");
            }
            String value = keyValue.substring(equals + 1).strip();
            try {
                values.put(key, URLDecoder.decode(value.replace("+", "%2B"), StandardCharsets.UTF_8));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid headers list: invalid value \"" + value + "\"");
            }
        }
        return values;
    }

    private static String scalar(ConfigNode node) {
        return node == null || node.kind() != ConfigNode.Kind.SCALAR ? null : node.scalar();
    }

    private static String scalarOrFail(ConfigNode node) {
        String value = scalar(node);
        if (value == null) {
            throw new IllegalArgumentException("a header value must be a string");
        }
        return value;
    }
}
