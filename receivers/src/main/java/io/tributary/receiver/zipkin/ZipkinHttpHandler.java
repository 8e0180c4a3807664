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
import io.tributary.translator.zipkin.ThriftBounds;
import io.tributary.translator.zipkin.ZipkinTranslator;
import java.io.IOException;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import zipkin2.Span;
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
    /** How a client is told what its body failed to be. */
    private static final Map<SpanBytesDecoder, String> FORMATS = Map.of(
            SpanBytesDecoder.JSON_V2, "Zipkin v2 JSON", SpanBytesDecoder.PROTO3, "Zipkin v2 protobuf",
            SpanBytesDecoder.JSON_V1, "Zipkin v1 JSON", SpanBytesDecoder.THRIFT, "Zipkin v1 Thrift");

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
        SpanBytesDecoder decoder = decoder(v1, mime == null ? "" : mime.toString().toLowerCase(Locale.ROOT));
        String format = FORMATS.get(decoder);
        List<Span> spans;
        try {
            byte[] body = ContentEncoding.decode(request.headers().get(HttpHeaderNames.CONTENT_ENCODING), request.content(),
                    maxBodyBytes).toByteArray();
            if (decoder == SpanBytesDecoder.THRIFT) {
                ThriftBounds.check(body);
            }
            spans = decoder.decodeList(body);
        } catch (ContentEncoding.TooLargeException e) {
            return text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } catch (ContentEncoding.UnsupportedException | IOException | RuntimeException e) {
            // zipkin2's decoders report a malformed body as an unchecked IllegalArgumentException
            // whose text names Java types: the client gets the format it sent, the log the cause.
            undecodable.increment();
            LOG.debug("undecodable {} body", format, e);
            return text(HttpResponseStatus.BAD_REQUEST, "the body is not valid " + format);
        }
        return consume(spans, format, client);
    }

    /**
     * The endpoint's binary encoding for its content type (v1 Thrift, v2 protobuf), JSON for any
     * other or none: otelcol reads the body so, and clients that label JSON loosely keep working.
     */
    private static SpanBytesDecoder decoder(boolean v1, String mime) {
        if (v1) {
            return mime.equals("application/x-thrift") ? SpanBytesDecoder.THRIFT : SpanBytesDecoder.JSON_V1;
        }
        return mime.equals("application/x-protobuf") ? SpanBytesDecoder.PROTO3 : SpanBytesDecoder.JSON_V2;
    }

    private FullHttpResponse consume(List<Span> spans, String format, ClientInfo client) {
        if (spans.isEmpty()) {
            return accepted();
        }
        Traces traces;
        try {
            traces = ZipkinTranslator.toTraces(spans, parseStringTags);
        } catch (IllegalArgumentException e) {
            // An all-zero ID, which zipkin2 lets through when written short: the translator's own words.
            undecodable.increment();
            return text(HttpResponseStatus.BAD_REQUEST, "invalid " + format + " spans: " + e.getMessage());
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
