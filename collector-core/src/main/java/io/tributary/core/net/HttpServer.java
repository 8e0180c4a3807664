package io.tributary.core.net;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.timeout.WriteTimeoutHandler;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.net.auth.ServerAuthenticator;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;

/**
 * A small Netty HTTP/1.1 server shared by the OTLP/HTTP receiver, the metrics endpoint and
 * health_check. Bodies are aggregated up to {@code maxBodyBytes} (413 beyond, checked against
 * Content-Length before reading and while reading); the handler runs on {@code executor},
 * never on the event loop; the response is written back on the channel's loop. Keep-alive is
 * honoured. Slow clients are cut off by {@link HttpServerTimeouts}; with an authenticator, a
 * request is checked on the worker before the handler sees it and refused with 401.
 */
public final class HttpServer implements AutoCloseable {
    /** Handles one request; the request's content is released by the server after the future completes. */
    @FunctionalInterface
    public interface Handler {
        /** @param client who sent the request (see {@link Settings#includeMetadata}) */
        CompletableFuture<FullHttpResponse> handle(FullHttpRequest request, ClientInfo client);

        /** The answer to a request the authenticator refused: otelcol's default is 401 with the reason as text. */
        default FullHttpResponse unauthenticated(FullHttpRequest request, String reason) {
            return response(HttpResponseStatus.UNAUTHORIZED, "text/plain; charset=utf-8", reason + "\n");
        }
    }

    /**
     * A server's settings besides its address: TLS (null or no certificate for plaintext), the
     * body limit, the timeouts, the authenticator (null for none), and whether a request's
     * {@link ClientInfo} holds its headers (confighttp's {@code include_metadata}).
     */
    public record Settings(TlsServerConfig tls, int maxBodyBytes, HttpServerTimeouts timeouts, ServerAuthenticator authenticator,
            boolean includeMetadata) {
        public Settings {
            timeouts = timeouts == null ? HttpServerTimeouts.DEFAULT : timeouts;
        }
    }

    /** Go's {@code http.DefaultMaxHeaderBytes}, which otelcol keeps: the request line and headers together. */
    private static final int MAX_HEADER_BYTES = 1 << 20;

    private final Channel channel;
    private final ChannelGroup connections;

    private HttpServer(Channel channel, ChannelGroup connections) {
        this.channel = channel;
        this.connections = connections;
    }

    /** A server with the default timeouts and no authentication (self-metrics, health_check). */
    public static HttpServer start(EventLoopGroup loops, InetSocketAddress address, TlsServerConfig tls,
            int maxBodyBytes, Executor executor, Handler handler) throws Exception {
        return start(loops, address, new Settings(tls, maxBodyBytes, HttpServerTimeouts.DEFAULT, null, false), executor, handler);
    }

    /**
     * Binds and starts serving on a TCP address or a Unix domain socket; throws (naming the address) when it cannot be
     * bound (a port in use, a socket file that exists) or TLS files are unusable.
     */
    public static HttpServer start(EventLoopGroup loops, SocketAddress address, Settings settings,
            Executor executor, Handler handler) throws Exception {
        SslContext ssl = ServerTls.context(settings.tls(), UnaryOperator.identity());
        HttpServerTimeouts timeouts = settings.timeouts();
        ChannelGroup connections = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops)
                .channel(EventLoops.serverChannel(loops, address))
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        connections.add(ch);
                        ChannelPipeline pipeline = ch.pipeline();
                        if (ssl != null) {
                            pipeline.addLast(ssl.newHandler(ch.alloc()));
                        }
                        if (!timeouts.writeTimeout().isZero()) {
                            pipeline.addLast(new WriteTimeoutHandler(timeouts.writeTimeout().toNanos(), TimeUnit.NANOSECONDS));
                        }
                        pipeline.addLast(new HttpServerCodec(MAX_HEADER_BYTES, MAX_HEADER_BYTES, 8192));
                        pipeline.addLast(new RequestDeadlines(timeouts));
                        pipeline.addLast(new HttpObjectAggregator(settings.maxBodyBytes()));
                        pipeline.addLast(new DispatchHandler(executor, handler, settings.authenticator(), settings.includeMetadata()));
                    }
                });
        ListenAddress.ensureFree(address);
        ChannelFuture bound = bootstrap.bind(address).await();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            throw new IOException("cannot listen on " + HostPort.format(address) + ": " + cause.getMessage(), cause);
        }
        return new HttpServer(bound.channel(), connections);
    }

    /** The bound address: the real port when bound to port 0, or the Unix domain socket. */
    public SocketAddress address() {
        return channel.localAddress();
    }

    /**
     * Stops accepting, waits for the listening socket to close, then closes open keep-alive
     * connections so no request reaches a handler that is shutting down. The shared loops keep
     * running. Idempotent.
     */
    @Override
    public void close() {
        channel.close().awaitUninterruptibly();
        connections.close().awaitUninterruptibly();
    }

    /** A complete response with a body; the server sets Content-Length when it writes it. */
    public static FullHttpResponse response(HttpResponseStatus status, String contentType, byte[] body) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, status, Unpooled.wrappedBuffer(body));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, contentType);
        return response;
    }

    public static FullHttpResponse response(HttpResponseStatus status, String contentType, String body) {
        return response(status, contentType, body.getBytes(StandardCharsets.UTF_8));
    }
}
