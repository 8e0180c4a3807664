package io.tributary.translator.zipkin;

import com.google.gson.Strictness;
import com.google.gson.stream.JsonReader;
import com.google.gson.stream.JsonToken;
import com.google.protobuf.ByteString;
import io.opentelemetry.proto.common.v1.AnyValue;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Zipkin v1 JSON ({@code POST /api/v1/spans}) into {@link V1Span}s, reading it as otelcol's Go
 * decoder does: member names match whatever their case, unknown members are skipped, {@code null}
 * leaves a member absent, and a member of the wrong JSON type (a timestamp in quotes or with a
 * fraction, a number for a name) refuses the whole body. IDs must be 16 (span) or 16/32 (trace)
 * hex digits and not all zeros.
 *
 * <p>One departure: a binary annotation's value may also be a boolean or a number, as Zipkin v1
 * defines it (the address annotations {@code sa}, {@code ca} and {@code ma} are {@code true});
 * otelcol refuses those bodies.
 */
final class V1JsonReader {
    private final JsonReader in;

    private V1JsonReader(byte[] body) {
        in = new JsonReader(new StringReader(new String(body, StandardCharsets.UTF_8)));
        in.setStrictness(Strictness.STRICT);
    }

    /** @throws IllegalArgumentException when the body is not a list of v1 spans with valid IDs */
    static List<V1Span> read(byte[] body) {
        try {
            return new V1JsonReader(body).spans();
        } catch (IOException | IllegalStateException | NumberFormatException e) {
            throw new IllegalArgumentException("not Zipkin v1 JSON: " + e.getMessage(), e);
        }
    }

    private List<V1Span> spans() throws IOException {
        List<V1Span> spans = new ArrayList<>();
        if (!skipNull()) {
            in.beginArray();
            while (in.hasNext()) {
                spans.add(span());
            }
            in.endArray();
        }
        if (in.peek() != JsonToken.END_DOCUMENT) {
            throw new IllegalArgumentException("more than one JSON value");
        }
        return spans;
    }

    private V1Span span() throws IOException {
        String traceId = "";
        String id = "";
        String parentId = "";
        String name = "";
        long timestamp = 0;
        long duration = 0;
        List<V1Span.Annotation> annotations = List.of();
        List<V1Span.BinaryAnnotation> binaryAnnotations = List.of();
        in.beginObject();
        while (in.hasNext()) {
            String member = in.nextName().toLowerCase(Locale.ROOT);
            if (skipNull()) {
                continue;
            }
            switch (member) {
                case "traceid" -> traceId = string();
                case "id" -> id = string();
                case "parentid" -> parentId = string();
                case "name" -> name = string();
                case "timestamp" -> timestamp = integer();
                case "duration" -> duration = integer();
                case "debug" -> bool(); // not carried, but Go refuses a debug that is not a boolean
                case "annotations" -> annotations = annotations();
                case "binaryannotations" -> binaryAnnotations = binaryAnnotations();
                default -> in.skipValue();
            }
        }
        in.endObject();
        return new V1Span(traceId(traceId), spanId(id, "id"), parentId.isEmpty() ? ByteString.EMPTY : spanId(parentId, "parentId"),
                name, timestamp == 0 ? null : timestamp, duration, annotations, binaryAnnotations);
    }

    /** A {@code null} element is skipped, as otelcol skips a nil annotation. */
    private List<V1Span.Annotation> annotations() throws IOException {
        List<V1Span.Annotation> annotations = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            if (skipNull()) {
                continue;
            }
            long timestamp = 0;
            String value = "";
            V1Span.Endpoint endpoint = null;
            in.beginObject();
            while (in.hasNext()) {
                String member = in.nextName().toLowerCase(Locale.ROOT);
                if (skipNull()) {
                    continue;
                }
                switch (member) {
                    case "timestamp" -> timestamp = integer();
                    case "value" -> value = string();
                    case "endpoint" -> endpoint = endpoint();
                    default -> in.skipValue();
                }
            }
            in.endObject();
            annotations.add(new V1Span.Annotation(timestamp, value, endpoint));
        }
        in.endArray();
        return annotations;
    }

    private List<V1Span.BinaryAnnotation> binaryAnnotations() throws IOException {
        List<V1Span.BinaryAnnotation> binaryAnnotations = new ArrayList<>();
        in.beginArray();
        while (in.hasNext()) {
            String key = "";
            AnyValue value = TagValues.string("");
            V1Span.Endpoint endpoint = null;
            in.beginObject();
            while (in.hasNext()) {
                String member = in.nextName().toLowerCase(Locale.ROOT);
                if (skipNull()) {
                    continue;
                }
                switch (member) {
                    case "key" -> key = string();
                    case "value" -> value = binaryValue();
                    case "endpoint" -> endpoint = endpoint();
                    default -> in.skipValue();
                }
            }
            in.endObject();
            String service = endpoint == null || endpoint.serviceName().isEmpty() ? null : endpoint.serviceName();
            binaryAnnotations.add(new V1Span.BinaryAnnotation(key, value, service));
        }
        in.endArray();
        return binaryAnnotations;
    }

    private AnyValue binaryValue() throws IOException {
        return switch (in.peek()) {
            case STRING -> TagValues.string(in.nextString());
            case BOOLEAN -> AnyValue.newBuilder().setBoolValue(in.nextBoolean()).build();
            case NUMBER -> {
                String literal = in.nextString();
                try {
                    yield AnyValue.newBuilder().setIntValue(Long.parseLong(literal)).build();
                } catch (NumberFormatException notAnInteger) {
                    yield AnyValue.newBuilder().setDoubleValue(Double.parseDouble(literal)).build();
                }
            }
            default -> throw new IllegalArgumentException("binary annotation value is " + in.peek() + " at " + in.getPath());
        };
    }

    /** Addresses are kept as written: otelcol checks neither. */
    private V1Span.Endpoint endpoint() throws IOException {
        String serviceName = "";
        String ipv4 = "";
        String ipv6 = "";
        long port = 0;
        in.beginObject();
        while (in.hasNext()) {
            String member = in.nextName().toLowerCase(Locale.ROOT);
            if (skipNull()) {
                continue;
            }
            switch (member) {
                case "servicename" -> serviceName = string();
                case "ipv4" -> ipv4 = string();
                case "ipv6" -> ipv6 = string();
                case "port" -> port = integer();
                default -> in.skipValue();
            }
        }
        in.endObject();
        if (port != (int) port) {
            throw new IllegalArgumentException("port " + port + " is out of range at " + in.getPath());
        }
        return new V1Span.Endpoint(serviceName, ipv4, ipv6, (int) port);
    }

    private boolean skipNull() throws IOException {
        if (in.peek() == JsonToken.NULL) {
            in.nextNull();
            return true;
        }
        return false;
    }

    /** Gson would read a number as a string: Go does not. */
    private String string() throws IOException {
        expect(JsonToken.STRING);
        return in.nextString();
    }

    /** A whole number in range, as Go reads an int64: no fraction, no exponent, no quotes. */
    private long integer() throws IOException {
        expect(JsonToken.NUMBER);
        return Long.parseLong(in.nextString());
    }

    private void bool() throws IOException {
        expect(JsonToken.BOOLEAN);
        in.nextBoolean();
    }

    private void expect(JsonToken token) throws IOException {
        if (in.peek() != token) {
            throw new IllegalArgumentException("expected " + token + " but was " + in.peek() + " at " + in.getPath());
        }
    }

    /** {@link ByteString#fromHex} refuses what is not hex with a NumberFormatException: {@link #read} reports it. */
    private static ByteString traceId(String hex) {
        if (hex.length() != 16 && hex.length() != 32) {
            throw new IllegalArgumentException("traceId '" + hex + "' is not 16 or 32 hex digits");
        }
        return ZipkinTranslator.nonZero(ZipkinTranslator.traceId(hex));
    }

    private static ByteString spanId(String hex, String member) {
        if (hex.length() != 16) {
            throw new IllegalArgumentException(member + " '" + hex + "' is not 16 hex digits");
        }
        return ZipkinTranslator.nonZero(ByteString.fromHex(hex));
    }
}
