package io.tributary.receiver.otlp;

import io.tributary.receiver.intake.ExportFailure;
import io.tributary.receiver.intake.Intake;
import com.google.protobuf.ByteString;
import io.grpc.Status.Code;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.data.InvalidOtlpException;
import io.tributary.core.net.HttpServer;
import io.tributary.receiver.confighttp.ContentEncoding;
import java.io.IOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * OTLP/HTTP: {@code POST} of a protobuf or JSON export request, possibly compressed, to the path
 * of a signal that has a pipeline ({@code /v1/traces}, {@code /v1/metrics}, {@code /v1/logs} by
 * default; any other path is 404, as otelcol registers only those). Runs on a worker thread (the {@link HttpServer} guarantees it), so it may decompress
 * and wait on the pipeline. Status codes follow the OTLP/HTTP spec and otelcol.
 */
final class OtlpHttpHandler implements HttpServer.Handler {
    /**
     * otelcol answers a wrong method or content type with its own {@code text/plain}, and what
     * Go's {@code http.Error}/{@code http.NotFound} answer (an unknown path, a refused
     * authentication) with the charset.
     */
    private static final String PLAIN = "text/plain";
    private static final String GO_ERROR_TYPE = "text/plain; charset=utf-8";
    private static final String SUPPORTED_TYPES = "415 unsupported media type, supported: [application/json, application/x-protobuf]";

    /** The intake of each signal served, by its URL path. */
    private final Map<String, Intake<?>> intakes = new HashMap<>();
    private final int maxBodyBytes;
    private final CorsPolicy cors;

    OtlpHttpHandler(HttpConfig config, List<Intake<?>> intakes) {
        for (Intake<?> intake : intakes) {
            this.intakes.put(config.urlPath(intake.signal()), intake);
        }
        this.maxBodyBytes = config.server().maxBodyBytes();
        this.cors = CorsPolicy.of(config.cors());
    }

    @Override
    public CompletableFuture<FullHttpResponse> handle(FullHttpRequest request, ClientInfo client) {
        if (cors != null && CorsPolicy.isPreflight(request.method(), request.headers())) {
            return CompletableFuture.completedFuture(cors.preflight(request.headers()));
        }
        FullHttpResponse response = route(request, client);
        if (cors != null) {
            cors.decorate(request.headers(), response.headers());
        }
        return CompletableFuture.completedFuture(response);
    }

    /**
     * As otelcol, where CORS wraps the authenticator: a preflight needs no credentials, and a 401
     * carries the CORS headers so a browser can read it. The body is a {@code google.rpc.Status}
     * (UNAUTHENTICATED) in the request's encoding, or the reason as text for another content type.
     */
    @Override
    public FullHttpResponse unauthenticated(FullHttpRequest request, String reason) {
        if (cors != null && CorsPolicy.isPreflight(request.method(), request.headers())) {
            return cors.preflight(request.headers());
        }
        FullHttpResponse response = HttpBodyEncoding.of(HttpUtil.getMimeType(request))
                .map(encoding -> status(encoding, HttpResponseStatus.UNAUTHORIZED, new ExportFailure(Code.UNAUTHENTICATED, reason, null)))
                .orElseGet(() -> text(HttpResponseStatus.UNAUTHORIZED, reason, GO_ERROR_TYPE));
        if (cors != null) {
            cors.decorate(request.headers(), response.headers());
        }
        return response;
    }

    private FullHttpResponse route(FullHttpRequest request, ClientInfo client) {
        Intake<?> intake = intakes.get(new QueryStringDecoder(request.uri()).path());
        if (intake == null) {
            return text(HttpResponseStatus.NOT_FOUND, "404 page not found", GO_ERROR_TYPE);
        }
        if (!HttpMethod.POST.equals(request.method())) {
            FullHttpResponse response = text(HttpResponseStatus.METHOD_NOT_ALLOWED, "405 method not allowed, supported: [POST]", PLAIN);
            response.headers().set(HttpHeaderNames.ALLOW, "POST");
            return response;
        }
        Optional<HttpBodyEncoding> encoding = HttpBodyEncoding.of(HttpUtil.getMimeType(request));
        if (encoding.isEmpty()) {
            return text(HttpResponseStatus.UNSUPPORTED_MEDIA_TYPE, SUPPORTED_TYPES, PLAIN);
        }
        return export(intake, request, encoding.get(), client);
    }

    private FullHttpResponse export(Intake<?> intake, FullHttpRequest request, HttpBodyEncoding encoding, ClientInfo client) {
        ByteString protobuf;
        try {
            ByteString body = ContentEncoding.decode(
                    request.headers().get(HttpHeaderNames.CONTENT_ENCODING), request.content(), maxBodyBytes);
            protobuf = encoding.toProtobuf(intake.signal(), body);
        } catch (ContentEncoding.TooLargeException e) {
            return status(encoding, HttpResponseStatus.REQUEST_ENTITY_TOO_LARGE, ExportFailure.invalid(e.getMessage()));
        } catch (ContentEncoding.UnsupportedException | IOException | InvalidOtlpException e) {
            return status(encoding, HttpResponseStatus.BAD_REQUEST, ExportFailure.invalid(e.getMessage()));
        }
        Optional<ExportFailure> failure = intake.export(protobuf, client);
        if (failure.isPresent()) {
            return failed(encoding, failure.get());
        }
        return HttpServer.response(HttpResponseStatus.OK, encoding.contentType(), encoding.encode(intake.signal().emptyResponse()));
    }

    private static FullHttpResponse failed(HttpBodyEncoding encoding, ExportFailure failure) {
        return failure.withRetryAfter(status(encoding, failure.httpStatus(), failure));
    }

    /** An error answered with a {@code google.rpc.Status} body in the request's encoding, as OTLP/HTTP asks. */
    private static FullHttpResponse status(HttpBodyEncoding encoding, HttpResponseStatus status, ExportFailure failure) {
        return HttpServer.response(status, encoding.contentType(), encoding.encode(failure.toStatus()));
    }

    private static FullHttpResponse text(HttpResponseStatus status, String message, String contentType) {
        return HttpServer.response(status, contentType, message);
    }

}
