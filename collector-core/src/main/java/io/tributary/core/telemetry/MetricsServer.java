package io.tributary.core.telemetry;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.tributary.core.net.HttpServer;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/** Serves {@link Telemetry#scrape()} at {@code GET /metrics}, as otelcol does on its metrics address. */
public final class MetricsServer implements AutoCloseable {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
    /** Scrapes carry no body; anything larger is not a Prometheus scrape. */
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    public static MetricsServer start(Telemetry telemetry, EventLoopGroup loops, InetSocketAddress address, Executor executor)
            throws Exception {
        HttpServer.Handler handler = (request, client) -> CompletableFuture.completedFuture(respond(request, telemetry::scrape));
        return new MetricsServer(HttpServer.start(loops, address, null, MAX_BODY_BYTES, executor, handler));
    }

    private static FullHttpResponse respond(FullHttpRequest request, Supplier<String> scrape) {
        if (!new QueryStringDecoder(request.uri()).path().equals("/metrics")) {
            return HttpServer.response(HttpResponseStatus.NOT_FOUND, "text/plain; charset=utf-8", "404 page not found\n");
        }
        if (!request.method().equals(HttpMethod.GET)) {
            return HttpServer.response(HttpResponseStatus.METHOD_NOT_ALLOWED, "text/plain; charset=utf-8", "method not allowed\n");
        }
        return HttpServer.response(HttpResponseStatus.OK, CONTENT_TYPE, scrape.get());
    }


    /** The bound address (the real port when configured with port 0). */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.address(); // started on a host:port
    }

    @Override
    public void close() {
        server.close();
    }
}
