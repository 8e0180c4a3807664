package io.tributary.exporter.otlphttp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.exporter.confighttp.BodyCompression;
import io.tributary.exporter.confighttp.HttpPoster;
import io.tributary.translator.OtlpJsonEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one {@code ExportTraceServiceRequest} per batch to the traces URL, protobuf (the batch's
 * encoded bytes as they are) or OTLP/JSON, compressed as configured. Failures are classified by
 * {@link HttpPoster} as otelcol's otlphttp exporter does, with the {@code google.rpc.Status}
 * message of the answer in the error; a 2xx answer's {@code partial_success} is logged, and one
 * that cannot be parsed is a permanent error, as in otelcol.
 */
final class OtlpHttpSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(OtlpHttpSender.class);
    private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();

    private final OtlpHttpExporterConfig config;
    private final BodyCompression compression;
    private volatile HttpPoster poster;

    OtlpHttpSender(OtlpHttpExporterConfig config) {
        this.config = config;
        this.compression = config.bodyCompression();
    }

    /** Builds the client only: nothing connects until the first send, so a backend that is down does not fail start. */
    @Override
    public void start(Host host) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent());
        if (compression.contentEncoding() != null) {
            headers.put("Content-Encoding", compression.contentEncoding());
        }
        headers.putAll(config.client().headers()); // configured headers win, as confighttp sets them last
        poster = HttpPoster.create(config.tracesUrl(), config.client().tls(), headers, config.encoding().contentType,
                OtlpHttpSender::describeStatus, Authenticators.client(host, config.client().auth(), "auth"));
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        byte[] body = config.encoding() == OtlpHttpExporterConfig.Encoding.JSON
                ? OtlpJsonEncoder.write(traces)
                : traces.encoded().toByteArray();
        HttpPoster.Reply reply = poster.post(compression.compress(body), timeout);
        ExportTraceServiceResponse response = parseResponse(reply);
        if (response != null && response.hasPartialSuccess()) {
            ExportTracePartialSuccess partial = response.getPartialSuccess();
            if (partial.getRejectedSpans() != 0 || !partial.getErrorMessage().isEmpty()) {
                log.warn("Partial success response: message=\"{}\", dropped_spans={}", partial.getErrorMessage(),
                        partial.getRejectedSpans());
            }
        }
    }

    @Override
    public void shutdown() {
        // The JDK client has no close before Java 21; its idle connections time out on their own.
    }

    /** The answer of a 2xx, or null when it has no body or a media type that is not OTLP's. */
    private static ExportTraceServiceResponse parseResponse(HttpPoster.Reply reply) throws SendException {
        if (reply.body().length == 0) {
            return null;
        }
        String type = mediaType(reply.contentType());
        try {
            switch (type) {
                case "application/x-protobuf" -> {
                    return ExportTraceServiceResponse.parseFrom(reply.body());
                }
                case "application/json" -> {
                    ExportTraceServiceResponse.Builder response = ExportTraceServiceResponse.newBuilder();
                    JSON.merge(new String(reply.body(), StandardCharsets.UTF_8), response);
                    return response.build();
                }
                default -> {
                    return null;
                }
            }
        } catch (InvalidProtocolBufferException e) {
            throw SendException.permanent("error parsing " + (type.endsWith("json") ? "json" : "protobuf")
                    + " response: " + e.getMessage(), e);
        }
    }

    /** An error answer's {@code google.rpc.Status}, as otelcol reports it; a text answer (from a proxy, say) as text. */
    static String describeStatus(String contentType, byte[] body) {
        String type = mediaType(contentType);
        if (type.startsWith("text/")) {
            return HttpPoster.TEXT.describe(contentType, body);
        }
        Status status;
        try {
            if (type.equals("application/json")) {
                Status.Builder builder = Status.newBuilder();
                JSON.merge(new String(body, StandardCharsets.UTF_8), builder);
                status = builder.build();
            } else {
                status = Status.parseFrom(body);
            }
        } catch (InvalidProtocolBufferException | RuntimeException e) {
            return null; // not a Status: otelcol reports the HTTP code alone
        }
        return "Message=" + status.getMessage() + ", Details="
                + status.getDetailsList().stream().map(Any::getTypeUrl).collect(Collectors.joining(", ", "[", "]"));
    }

    private static String mediaType(String contentType) {
        if (contentType == null) {
            return "";
        }
        int semicolon = contentType.indexOf(';');
        return (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim().toLowerCase(Locale.ROOT);
    }

    /** As otelcol's: {@code <name>/<version> (<os>/<arch>)}. */
    private static String userAgent() {
        String version = OtlpHttpSender.class.getPackage().getImplementationVersion();
        String arch = System.getProperty("os.arch", "unknown");
        return "Tributary/" + (version == null ? "dev" : version) + " ("
                + System.getProperty("os.name", "unknown").toLowerCase(Locale.ROOT).replace(' ', '_') + "/"
                + (arch.equals("x86_64") ? "amd64" : arch.equals("aarch64") ? "arm64" : arch) + ")";
    }
}
