package io.tributary.testkit;

import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads OTLP/JSON for tests, independently of the code under test: the hex trace and span IDs
 * become the base64 that protobuf's JSON mapping expects, then {@link JsonFormat} reads the rest
 * (so field names, enum integers and 64-bit strings are checked by protobuf's own parser).
 */
public final class OtlpJsonReader {
    private static final Pattern ID = Pattern.compile("\"(traceId|spanId|parentSpanId)\"\\s*:\\s*\"([0-9a-fA-F]*)\"");

    private OtlpJsonReader() {
    }

    /** @throws IllegalArgumentException when the text is not an OTLP/JSON trace request */
    public static ExportTraceServiceRequest read(String json) {
        return read(json, ExportTraceServiceRequest.getDefaultInstance());
    }

    /**
     * An OTLP/JSON request of any signal, read as the type of {@code empty} (say
     * {@code ExportLogsServiceRequest.getDefaultInstance()}); the IDs of spans, links, log
     * records and exemplars all use the same names.
     *
     * @throws IllegalArgumentException when the text is not OTLP/JSON of that request
     */
    @SuppressWarnings("unchecked")
    public static <M extends Message> M read(String json, M empty) {
        Matcher ids = ID.matcher(json);
        StringBuilder base64 = new StringBuilder(json.length());
        while (ids.find()) {
            String encoded = Base64.getEncoder().encodeToString(HexFormat.of().parseHex(ids.group(2)));
            ids.appendReplacement(base64, Matcher.quoteReplacement("\"" + ids.group(1) + "\":\"" + encoded + "\""));
        }
        ids.appendTail(base64);
        Message.Builder request = empty.newBuilderForType();
        try {
            JsonFormat.parser().merge(base64.toString(), request);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not OTLP/JSON: " + e.getMessage(), e);
        }
        return (M) request.build();
    }
}
