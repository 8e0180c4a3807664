package io.tributary.receiver.otlp;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.logs.v1.ExportLogsServiceRequest;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.data.Signal;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * OTLP/JSON of any signal (the spec's protobuf JSON mapping with one twist): trace and span IDs
 * (of spans and links, log records, metric exemplars) are hex strings where protobuf's JSON would
 * use base64, so they are rewritten in the parsed tree before {@link JsonFormat} reads it. Field names may be lowerCamelCase or the proto names; enums may be
 * integers or names; 64-bit integers may be strings or numbers; unknown fields are ignored.
 */
final class OtlpJsonDecoder {
    private static final JsonFormat.Parser PARSER = JsonFormat.parser().ignoringUnknownFields();
    private static final List<String> SPAN_IDS = List.of("traceId", "trace_id", "spanId", "span_id", "parentSpanId", "parent_span_id");
    private static final List<String> IDS = List.of("traceId", "trace_id", "spanId", "span_id");

    /**
     * Where IDs lie in a signal's request: the fields (camelCase and proto spelling) leading from
     * the request to the objects holding them, each an array of objects or one object.
     */
    private record IdPath(List<String> ids, String... steps) {
    }

    private static final List<IdPath> TRACE_IDS = List.of(
            new IdPath(SPAN_IDS, "resourceSpans", "resource_spans", "scopeSpans", "scope_spans", "spans", "spans"),
            new IdPath(IDS, "resourceSpans", "resource_spans", "scopeSpans", "scope_spans", "spans", "spans", "links", "links"));
    private static final List<IdPath> LOG_IDS = List.of(
            new IdPath(IDS, "resourceLogs", "resource_logs", "scopeLogs", "scope_logs", "logRecords", "log_records"));
    private static final List<IdPath> METRIC_IDS = Stream.of("gauge", "sum", "histogram", "exponentialHistogram", "summary")
            .map(type -> new IdPath(IDS, "resourceMetrics", "resource_metrics", "scopeMetrics", "scope_metrics", "metrics", "metrics",
                    type, type.equals("exponentialHistogram") ? "exponential_histogram" : type, "dataPoints", "data_points",
                    "exemplars", "exemplars"))
            .toList();
    /** Where Gson's message says a syntax error is. */
    private static final Pattern GSON_POSITION = Pattern.compile("line (\\d+) column (\\d+)");

    private OtlpJsonDecoder() {
    }

    /** @return the request in its protobuf encoding, for {@code signal.parse} to validate like any other */
    static ByteString toProtobuf(Signal<?> signal, ByteString json) throws InvalidOtlpException {
        try (Reader reader = new InputStreamReader(json.newInput(), StandardCharsets.UTF_8)) {
            JsonElement root = JsonParser.parseReader(reader);
            if (!root.isJsonObject()) {
                throw new InvalidOtlpException("OTLP/JSON request must be a JSON object");
            }
            List<IdPath> idPaths = signal == Signal.TRACES ? TRACE_IDS : signal == Signal.METRICS ? METRIC_IDS : LOG_IDS;
            for (IdPath path : idPaths) {
                rewriteIds(root.getAsJsonObject(), path, 0);
            }
            Message.Builder request = signal == Signal.TRACES ? ExportTraceServiceRequest.newBuilder()
                    : signal == Signal.METRICS ? ExportMetricsServiceRequest.newBuilder() : ExportLogsServiceRequest.newBuilder();
            PARSER.merge(root.toString(), request);
            return request.build().toByteString();
        } catch (JsonParseException e) {
            // Gson's text names its exception classes; the client gets where, in our words.
            Matcher at = GSON_POSITION.matcher(String.valueOf(e.getMessage()));
            throw new InvalidOtlpException("invalid OTLP/JSON: not well-formed JSON"
                    + (at.find() ? " at line " + at.group(1) + " column " + at.group(2) : ""));
        } catch (InvalidProtocolBufferException e) {
            // JsonFormat's own words name the field or value that does not fit OTLP's schema
            // ("Not an uint64 value: \"abc\""); when it wraps a lower failure, the text is that
            // library's, so the client gets ours.
            throw new InvalidOtlpException("invalid OTLP/JSON: "
                    + (e.getCause() == null ? e.getMessage() : "a value does not fit its OTLP field's type"));
        } catch (IOException | IllegalStateException e) {
            throw new InvalidOtlpException("invalid OTLP/JSON: a value does not fit its OTLP field's type");
        }
    }

    private static void rewriteIds(JsonObject object, IdPath path, int step) throws InvalidOtlpException {
        if (step == path.steps().length) {
            hexToBase64(object, path.ids());
            return;
        }
        for (JsonObject child : objects(object, path.steps()[step], path.steps()[step + 1])) {
            rewriteIds(child, path, step + 2);
        }
    }

    /**
     * The object, or the objects of the array, under either spelling of a field; anything else is
     * left for JsonFormat to judge.
     */
    private static List<JsonObject> objects(JsonObject parent, String camelName, String protoName) {
        JsonElement value = parent.has(camelName) ? parent.get(camelName) : parent.get(protoName);
        if (value != null && value.isJsonObject()) {
            return List.of(value.getAsJsonObject());
        }
        if (value == null || !value.isJsonArray()) {
            return List.of();
        }
        return StreamSupport.stream(value.getAsJsonArray().spliterator(), false).filter(JsonElement::isJsonObject).map(JsonElement::getAsJsonObject).toList();
    }

    private static void hexToBase64(JsonObject object, List<String> fields) throws InvalidOtlpException {
        for (String field : fields) {
            JsonElement value = object.get(field);
            if (value == null || !value.isJsonPrimitive() || !value.getAsJsonPrimitive().isString()) {
                continue;
            }
            String hex = value.getAsString();
            byte[] id;
            try {
                id = HexFormat.of().parseHex(hex);
            } catch (IllegalArgumentException e) {
                throw new InvalidOtlpException("invalid OTLP/JSON: " + field + " '" + hex + "' is not a hex string");
            }
            object.add(field, new JsonPrimitive(Base64.getEncoder().encodeToString(id)));
        }
    }
}
