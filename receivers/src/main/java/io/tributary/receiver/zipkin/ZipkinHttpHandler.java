package io.tributary.receiver.zipkin;

import io.micrometer.core.instrument.Counter;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.Traces;
import io.tributary.core.net.HttpServer;
import io.tributary.receiver.confighttp.ContentEncoding;
import io.tributary.receiver.intake.Intake;
import io.tributary.translator.zipkin.ZipkinTranslator;
import io.tributary.translator.zipkin.ZipkinV1Translator;
import java.io.IOException;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.codec.SpanBytesDecoder;

/**
 * {@code POST /api/v2/spans} (JSON or protobuf) and {@code /api/v1/spans} (JSON or Thrift),
 * possibly compressed. Like otelcol, any path containing {@code api/v1/spans} is v1 and every other
 * path v2, so clients configured with a bare base URL still work, and a body is JSON unless its
 * content type names the endpoint's binary encoding. Runs on a worker thread (the
 * {@link HttpServer} guarantees it).
 */
final class ZipkinHttpHandler implements HttpServer.Handler {
    private static final Logger LOG = LoggerFactory.getLogger(ZipkinHttpHandler.class);
    /** The encodings served, each with how a client is told what its body failed to be. */
    private enum Format {
        V2_JSON("Zipkin v2 JSON"), V2_PROTO3("Zipkin v2 protobuf"), V1_JSON("Zipkin v1 JSON"), V1_THRIFT("Zipkin v1 Thrift");

        final String description;

        Format(String description) {
            this.description = description;
        }
    }

    private final int maxBodyBytes;
    private final boolean parseStringTags;
    private final Intake<Traces> intake;
    private final Counter undecodable;

    ZipkinHttpHandler(ZipkinReceiverConfig config, Intake<Traces> intake, Counter undecodable) {
        this.maxBodyBytes = config.server().maxBodyBytes();
        this.parseStringTags = config.parseStringTags();
        this.intake = intake;
        this.undecodable = undecodable;
    }

    @Override
    public CompletableFuture<FullHttpResponse> handle(FullHttpRequest request, ClientInfo client) {
        return CompletableFuture.completedFuture(route(request, client));
    }

    private FullHttpResponse route(FullHttpRequest request, ClientInfo client) {
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 method not allowed, supported: [POST]");
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            return response;
        }
        boolean v1 = new QueryStringDecoder(request.uri()).path().contains("api/v1/spans");
        CharSequence mime = HttpUtil.getMimeType(request);
        Format format = format(v1, mime == null ? "" : mime.toString().toLowerCase(Locale.ROOT));
        Traces traces;
        try {
            byte[] body = ContentEncoding.decode(request.headers().get(HttpHeaderNames.CONTENT_ENCODING), request.content(),
                    maxBodyBytes).toByteArray();
            traces = switch (format) {
                case V2_JSON -> ZipkinTranslator.toTraces(SpanBytesDecoder.JSON_V2.decodeList(body), parseStringTags);
                case V2_PROTO3 -> ZipkinTranslator.toTraces(SpanBytesDecoder.PROTO3.decodeList(body), parseStringTags);
                case V1_JSON -> ZipkinV1Translator.fromJson(body, parseStringTags, receiptTime());
                case V1_THRIFT -> ZipkinV1Translator.fromThrift(body);
            };
        } catch (ContentEncoding.TooLargeException e) {
            return text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } catch (ContentEncoding.UnsupportedException | IOException | RuntimeException e) {
            // Decoders and translators report a malformed body (or an ID OTLP cannot carry) as an
            // unchecked IllegalArgumentException whose text may name Java types: the client gets
            // the format it sent, the log the cause.
            undecodable.increment();
            LOG.debug("undecodable {} body", format.description, e);
            return text(HttpResponseStatus.BAD_REQUEST, "the body is not valid " + format.description);
        }
        return consume(traces, client);
    }

    /** Nanoseconds since the epoch, which otelcol gives v1 JSON spans that arrive without any time. */
    private static long receiptTime() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000_000L + now.getNano();
    }

    /**
     * The endpoint's binary encoding for its content type (v1 Thrift, v2 protobuf), JSON for any
     * other or none: otelcol reads the body so, and clients that label JSON loosely keep working.
     */
    private static Format format(boolean v1, String mime) {
        if (v1) {
            return mime.equals("application/x-thrift") ? Format.V1_THRIFT : Format.V1_JSON;
        }
        return mime.equals("application/x-protobuf") ? Format.V2_PROTO3 : Format.V2_JSON;
    }

    private FullHttpResponse consume(Traces traces, ClientInfo client) {
        if (traces.spanCount() == 0) {
            return accepted();
        }
        return intake.export(traces, client)
                .map(failure -> failure.withRetryAfter(text(failure.httpStatus(), failure.message())))
                .orElseGet(ZipkinHttpHandler::accepted);
    }

    private static FullHttpResponse accepted() {
        return HttpServer.response(HttpResponseStatus.ACCEPTED, "text/plain; charset=utf-8", new byte[0]);
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        return HttpServer.response(status, "text/plain; charset=utf-8", message == null ? "" : message);
    }
}
