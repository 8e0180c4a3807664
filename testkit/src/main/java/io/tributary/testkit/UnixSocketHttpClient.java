package io.tributary.testkit;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.epoll.EpollDomainSocketChannel;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.codec.http.DefaultFullHttpRequest;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpVersion;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** An HTTP/1.1 client for a server on a Unix domain socket, as {@code curl --unix-socket} is; needs an epoll group. */
public final class UnixSocketHttpClient {
    /** A response's status code and body. */
    public record Response(int status, String body) {
    }

    private final EventLoopGroup loops;

    public UnixSocketHttpClient(EventLoopGroup loops) {
        this.loops = loops;
    }

    /** POSTs {@code body} to {@code uri} on the socket at {@code socket}, on a connection of its own. */
    public Response post(Path socket, String uri, String contentType, byte[] body) throws Exception {
        CompletableFuture<Response> response = new CompletableFuture<>();
        Channel channel = new Bootstrap()
                .group(loops)
                .channel(EpollDomainSocketChannel.class)
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(1 << 20),
                                new SimpleChannelInboundHandler<FullHttpResponse>() {
                                    @Override
                                    protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse message) {
                                        response.complete(new Response(message.status().code(),
                                                message.content().toString(StandardCharsets.UTF_8)));
                                    }

                                    @Override
                                    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                        response.completeExceptionally(cause);
                                    }
                                });
                    }
                })
                .connect(new DomainSocketAddress(socket.toFile()))
                .sync()
                .channel();
        try {
            FullHttpRequest request = new DefaultFullHttpRequest(HttpVersion.HTTP_1_1, HttpMethod.POST, uri,
                    Unpooled.wrappedBuffer(body));
            request.headers().set(HttpHeaderNames.HOST, "localhost")
                    .set(HttpHeaderNames.CONTENT_TYPE, contentType)
                    .setInt(HttpHeaderNames.CONTENT_LENGTH, body.length);
            channel.writeAndFlush(request).sync();
            return response.get(10, TimeUnit.SECONDS);
        } finally {
            channel.close().sync();
        }
    }
}
