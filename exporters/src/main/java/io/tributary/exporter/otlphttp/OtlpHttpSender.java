package io.tributary.exporter.otlphttp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.protobuf.Message;
import com.google.protobuf.util.JsonFormat;
import com.google.rpc.Status;
import io.tributary.core.component.Host;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.exporter.confighttp.BodyCompression;
import io.tributary.exporter.confighttp.HttpPoster;
import io.tributary.exporter.net.PartialSuccess;
import io.tributary.translator.OtlpJsonEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * POSTs one export request per batch to its signal's URL ({@code /v1/traces}, {@code /v1/metrics},
 * {@code /v1/logs}), protobuf (the batch's encoded bytes as they are) or OTLP/JSON, compressed as
 * configured. Each signal has its own HTTP client, as each of otelcol's
 * per-signal exporters has. Failures are classified by {@link HttpPoster} as otelcol's otlphttp
 * exporter does, with the {@code google.rpc.Status} message of the answer in the error; a 2xx
 * answer's {@code partial_success} is logged, and one that cannot be parsed is a permanent error,
 * as in otelcol.
 */
final class OtlpHttpSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(OtlpHttpSender.class);
    private static final JsonFormat.Parser JSON = JsonFormat.parser().ignoringUnknownFields();

    private final OtlpHttpExporterConfig config;
    private final BodyCompression compression;
    /** The signals the exporter's pipelines use ({@link #checkCanSend}), whose clients start builds. */
    private final Set<Signal<?>> used = ConcurrentHashMap.newKeySet();
    private final Map<Signal<?>, HttpPoster> posters = new ConcurrentHashMap<>();
    private volatile Host host;

    OtlpHttpSender(OtlpHttpExporterConfig config) {
        this.config = config;
        this.compression = config.bodyCompression();
    }

    @Override
    public void checkCanSend(Signal<?> signal) {
        config.url(signal);
        used.add(signal);
    }

    /** Builds the clients only: nothing connects until the first send, so a backend that is down does not fail start. */
    @Override
    public void start(Host host) throws Exception {
        this.host = host;
        for (Signal<?> signal : used) {
            posters.put(signal, poster(signal));
        }
    }

    private HttpPoster poster(Signal<?> signal) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("User-Agent", userAgent());
        if (compression.contentEncoding() != null) {
            headers.put("Content-Encoding", compression.contentEncoding());
        }
        headers.putAll(config.client().headers()); // configured headers win, as confighttp sets them last
        return HttpPoster.create(config.url(signal), config.client().tls(), headers, config.encoding().contentType,
                OtlpHttpSender::describeStatus, Authenticators.client(host, config.client().auth(), "auth"));
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        send(Signal.TRACES, traces, timeout);
    }

    @Override
    public <D extends SignalData<D, ?>> void send(Signal<D> signal, D data, Duration timeout) throws SendException {
        byte[] body = config.encoding() == OtlpHttpExporterConfig.Encoding.JSON
                ? OtlpJsonEncoder.write(data)
                : data.encoded().toByteArray();
        HttpPoster.Reply reply = posterOf(signal).post(compression.compress(body), timeout);
        Message response = parseResponse(signal, reply);
        if (response != null) {
            PartialSuccess.warnIfAny(log, signal, response);
        }
    }

    /** The signal's client; one first used after start (a signal whose consumer was asked for late) is built then. */
    private HttpPoster posterOf(Signal<?> signal) throws SendException {
        HttpPoster poster = posters.get(signal);
        return poster != null ? poster : newPoster(signal);
    }

    private synchronized HttpPoster newPoster(Signal<?> signal) throws SendException {
        HttpPoster poster = posters.get(signal);
        if (poster == null) {
            try {
                poster = poster(signal);
            } catch (Exception e) {
                throw SendException.permanent("cannot build the " + signal + " client: " + e.getMessage(), e);
            }
            posters.put(signal, poster);
        }
        return poster;
    }

    @Override
    public void shutdown() {
        // The JDK client has no close before Java 21; its idle connections time out on their own.
    }

    /** The signal's export response of a 2xx, or null when it has no body or a media type that is not OTLP's. */
    private static Message parseResponse(Signal<?> signal, HttpPoster.Reply reply) throws SendException {
        if (reply.body().length == 0) {
            return null;
        }
        String type = mediaType(reply.contentType());
        try {
            switch (type) {
                case "application/x-protobuf" -> {
                    return signal.emptyResponse().getParserForType().parseFrom(reply.body());
                }
                case "application/json" -> {
                    Message.Builder response = signal.emptyResponse().newBuilderForType();
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
