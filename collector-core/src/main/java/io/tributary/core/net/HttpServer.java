package io.tributary.core.net;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * A small Netty HTTP/1.1 server shared by the OTLP/HTTP receiver, the metrics endpoint and
 * health_check. Bodies are aggregated up to {@code maxBodyBytes} (413 beyond, checked against
 * Content-Length before reading and while reading); the handler runs on {@code executor},
 * never on the event loop; the response is written back on the channel's loop. Keep-alive is
 * honoured.
 */
public final class HttpServer implements AutoCloseable {
    /** Handles one request; the request's content is released by the server after the future completes. */
    @FunctionalInterface
    public interface Handler {
        CompletableFuture<FullHttpResponse> handle(FullHttpRequest request);
    }

    private HttpServer() {
    }

    /**
     * Binds and starts serving; throws (naming the address) when the port cannot be bound.
     *
     * @param tls null or {@link TlsServerConfig#DEFAULT}-like config without a cert for plaintext
     */
    public static HttpServer start(EventLoopGroup loops, InetSocketAddress address, TlsServerConfig tls,
            int maxBodyBytes, Executor executor, Handler handler) throws Exception {
        throw new UnsupportedOperationException("TODO");
    }

    /** The bound address (the real port when bound to port 0). */
    public InetSocketAddress address() {
        throw new UnsupportedOperationException("TODO");
    }

    @Override
    public void close() {
    }
}
