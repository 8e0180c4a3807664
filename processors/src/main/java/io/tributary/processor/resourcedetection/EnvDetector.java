package io.tributary.processor.resourcedetection;

import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.common.v1.KeyValue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code env} detector: the {@code key=value,...} list in {@code OTEL_RESOURCE_ATTRIBUTES},
 * else in the deprecated {@code OTEL_RESOURCE}, values percent-decoded, with otelcol's grammar
 * (ASCII keys and values of at most 256 characters, blanks around them ignored). A malformed list
 * is an error.
 */
final class EnvDetector implements Detector {
    static final String TYPE = "env";
    // otelcol's pattern: each pair ends at a comma or the end; what lies between pairs is an error.
    private static final Pattern PAIR = Pattern.compile("\\s*(\\p{ASCII}{1,256}?)\\s*=\\s*(\\p{ASCII}{0,256}?)\\s*(?:,|\\z)");

    private final Function<String, String> env;

    EnvDetector(Function<String, String> env) {
        this.env = env;
    }

    @Override
    public List<KeyValue> detect(Deadline deadline) {
        String list = trimmed(env.apply("OTEL_RESOURCE_ATTRIBUTES"));
        if (list.isEmpty()) {
            list = trimmed(env.apply("OTEL_RESOURCE"));
        }
        return list.isEmpty() ? List.of() : parse(list);
    }

    static List<KeyValue> parse(String list) {
        // A key given twice keeps its first place and its last value, as otelcol's map does.
        Map<String, String> attributes = new LinkedHashMap<>();
        Matcher pair = PAIR.matcher(list);
        int end = 0;
        while (pair.find()) {
            if (pair.start() != end) {
                throw new IllegalArgumentException("invalid resource format, invalid text: \"" + list.substring(end, pair.start()) + "\"");
            }
            String value;
            try {
                value = URLDecoder.decode(pair.group(2), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("invalid resource format in attribute: \"" + pair.group() + "\", err: " + e.getMessage());
            }
            attributes.put(pair.group(1), value);
            end = pair.end();
            if (end == list.length()) {
                break;
            }
        }
        if (attributes.isEmpty()) {
            throw new IllegalArgumentException("invalid resource format: \"" + list + "\"");
        }
        if (end != list.length()) {
            throw new IllegalArgumentException("invalid resource format, invalid text: \"" + list.substring(end) + "\"");
        }
        return attributes.entrySet().stream()
                .map(e -> KeyValue.newBuilder().setKey(e.getKey()).setValue(AnyValue.newBuilder().setStringValue(e.getValue())).build())
                .toList();
    }

    private static String trimmed(String value) {
        return value == null ? "" : value.strip();
    }
}
