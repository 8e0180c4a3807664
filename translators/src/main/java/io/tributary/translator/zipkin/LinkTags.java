package io.tributary.translator.zipkin;

import com.google.protobuf.ByteString;
import io.opentelemetry.proto.trace.v1.Span.Link;
import io.tributary.translator.AttributeJson;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Span links in Zipkin, which has none, as otelcol's exporter writes them and its receiver reads
 * them back: tags {@code otlp.link.0}, {@code otlp.link.1}, ... each
 * {@code traceId|spanId|traceState|{json attributes}|dropped attributes count}, an all-zero ID as
 * the empty string.
 */
final class LinkTags {
    private static final String PREFIX = "otlp.link.";
    /** otelcol reads no more. */
    private static final int MAX_LINKS = 128;

    private LinkTags() {
    }

    static void write(List<Link> links, Map<String, String> tags) {
        for (int i = 0; i < links.size(); i++) {
            Link link = links.get(i);
            tags.put(PREFIX + i, id(link.getTraceId()) + "|" + id(link.getSpanId()) + "|" + link.getTraceState() + "|"
                    + AttributeJson.write(link.getAttributesList()) + "|" + link.getDroppedAttributesCount());
        }
    }

    /**
     * The links of tags {@code otlp.link.0} onwards up to the first index missing, each removed
     * from {@code tags}. A tag that does not parse stays a tag (otelcol fails the whole request for
     * most such tags and drops those of fewer than five parts).
     */
    static List<Link> read(Map<String, String> tags) {
        List<Link> links = new ArrayList<>();
        for (int i = 0; i < MAX_LINKS && tags.containsKey(PREFIX + i); i++) {
            Link link = parse(tags.get(PREFIX + i));
            if (link != null) {
                tags.remove(PREFIX + i);
                links.add(link);
            }
        }
        return links;
    }

    /** The attributes' JSON may itself hold {@code |}: it is everything between the third and the last. */
    private static Link parse(String tag) {
        String[] parts = tag.split("\\|", -1);
        if (parts.length < 5) {
            return null;
        }
        try {
            return Link.newBuilder()
                    .setTraceId(id(parts[0], 16))
                    .setSpanId(id(parts[1], 8))
                    .setTraceState(parts[2])
                    .addAllAttributes(Json.readObject(String.join("|", Arrays.asList(parts).subList(3, parts.length - 1))))
                    .setDroppedAttributesCount(Integer.parseUnsignedInt(parts[parts.length - 1]))
                    .build();
        } catch (IllegalArgumentException notOtelcols) {
            return null;
        }
    }

    /** An empty ID is the all-zero one, which OTLP leaves out. */
    private static ByteString id(String hex, int bytes) {
        if (hex.isEmpty()) {
            return ByteString.EMPTY;
        }
        if (hex.length() != 2 * bytes) {
            throw new IllegalArgumentException("link ID of " + hex.length() + " digits");
        }
        return ByteString.fromHex(hex);
    }

    private static String id(ByteString id) {
        for (int i = 0; i < id.size(); i++) {
            if (id.byteAt(i) != 0) {
                return ZipkinTranslator.hex(id);
            }
        }
        return "";
    }
}
