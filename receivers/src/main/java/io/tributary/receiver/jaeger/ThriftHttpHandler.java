package io.tributary.receiver.jaeger;

import io.jaegertracing.thriftjava.Batch;
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
import io.tributary.receiver.intake.ExportFailure;
import io.tributary.translator.jaeger.JaegerThriftTranslator;
import java.io.IOException;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocolFactory;

/**
 * The Jaeger collector's {@code POST /api/traces}: a Thrift binary {@code Batch}, possibly
 * compressed (confighttp decompresses for every otelcol HTTP receiver). Runs on a worker
 * thread (the {@link HttpServer} guarantees it). As the Jaeger collector and otelcol do, success is
 * 202 and a wrong content type or an undecodable body is 400; a pipeline refusal follows
 * Tributary's consumer contract (503 or 429 with Retry-After for back-pressure, 400 for bad data).
 */
final class ThriftHttpHandler implements HttpServer.Handler {
    static final String PATH = "/api/traces";
    private static final Set<String> THRIFT_TYPES = Set.of("application/x-thrift", "application/vnd.apache.thrift.binary");
    private static final TProtocolFactory BINARY = new TBinaryProtocol.Factory();
    private static final String TEXT = "text/plain; charset=utf-8";

    private final int maxBodyBytes;
    private final Delivery delivery;

    ThriftHttpHandler(int maxBodyBytes, Delivery delivery) {
        this.maxBodyBytes = maxBodyBytes;
        this.delivery = delivery;
    }

    @Override
    public CompletableFuture<FullHttpResponse> handle(FullHttpRequest request, ClientInfo client) {
        return CompletableFuture.completedFuture(route(request, client));
    }

    private FullHttpResponse route(FullHttpRequest request, ClientInfo client) {
        if (!new QueryStringDecoder(request.uri()).path().equals(PATH)) {
            return text(HttpResponseStatus.NOT_FOUND, "404 page not found");
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 method not allowed, supported: [POST]");
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            return response;
        }
        CharSequence mime = HttpUtil.getMimeType(request);
        if (mime == null || !THRIFT_TYPES.contains(mime.toString().toLowerCase())) {
            return text(HttpResponseStatus.BAD_REQUEST, "Unsupported content type: " + (mime == null ? "" : mime));
        }
        byte[] body;
        try {
            body = ContentEncoding.decode(request.headers().get(HttpHeaderNames.CONTENT_ENCODING), request.content(), maxBodyBytes)
                    .toByteArray();
        } catch (ContentEncoding.TooLargeException e) {
            return text(HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage());
        } catch (ContentEncoding.UnsupportedException | IOException e) {
            delivery.undecodable("undecodable Jaeger Thrift body on " + PATH, e);
            return text(HttpResponseStatus.BAD_REQUEST, e.getMessage());
        }
        Traces traces;
        try {
            Batch batch = ThriftDecoding.batch(body, BINARY);
            traces = JaegerThriftTranslator.toTraces(batch);
        } catch (TException | RuntimeException e) {
            // Thrift's text can carry Java class names and struct dumps: it goes to the log only.
            delivery.undecodable("undecodable Jaeger Thrift body on " + PATH, e);
            return text(HttpResponseStatus.BAD_REQUEST, "Unable to process request body: not a Jaeger Thrift Batch in the binary protocol");
        }
        Optional<ExportFailure> refusal = delivery.deliver(traces, client);
        return refusal.map(ThriftHttpHandler::refused).orElseGet(
                () -> HttpServer.response(HttpResponseStatus.ACCEPTED, TEXT, new byte[0]));
    }

    private static FullHttpResponse refused(ExportFailure failure) {
        return failure.withRetryAfter(text(failure.httpStatus(), "Cannot submit Jaeger batch: " + failure.message()));
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message) {
        return HttpServer.response(status, TEXT, message);
    }
}
