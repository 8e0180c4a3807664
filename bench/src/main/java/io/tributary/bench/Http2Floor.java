package io.tributary.bench;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.DefaultHttp2WindowUpdateFrame;
import io.netty.handler.codec.http2.Http2DataFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2FrameStream;
import io.netty.handler.codec.http2.Http2HeadersFrame;
import io.netty.util.ReferenceCountUtil;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The floor of an OTLP/gRPC receiver on the JVM: Netty's HTTP/2 codec on one epoll event loop,
 * answering every unary call with an empty {@code ExportTraceServiceResponse} once its request
 * has arrived, without gRPC's library, without reading the request and without a pipeline.
 * Whatever a collector costs per request beyond this is its own; what this costs is the least
 * any Netty-based receiver pays for the bytes and frames of a request. {@code bench/run-load.sh}
 * runs it with {@code DAEMON=floor}.
 *
 * <pre>java -cp bench/target/tributary-bench.jar io.tributary.bench.Http2Floor --port 4317</pre>
 */
public final class Http2Floor implements AutoCloseable {
    /** A gRPC message frame (uncompressed, length 0) holding the empty response. */
    private static final byte[] EMPTY_MESSAGE = new byte[5];

    private final EventLoopGroup loop = new EpollEventLoopGroup(1);
    private final Channel server;

    /** Listens on loopback at {@code port}, 0 for any free one. */
    public Http2Floor(int port) throws InterruptedException {
        server = new ServerBootstrap().group(loop).channel(EpollServerSocketChannel.class)
                .childHandler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        channel.pipeline().addLast(Http2FrameCodecBuilder.forServer().build(), new UnaryAnswerer());
                    }
                })
                .bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port)).sync().channel();
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        loop.shutdownGracefully(0, 0, TimeUnit.SECONDS).syncUninterruptibly();
    }

    public static void main(String[] args) throws InterruptedException {
        Flags flags = new Flags(args, Map.of("port", "4317"));
        Http2Floor floor = new Http2Floor(flags.integer("port"));
        System.out.println("listening on port " + floor.port());
        floor.server.closeFuture().sync();
    }

    /** Consumes each stream's data, returning its flow-control window, and answers at its end. */
    private static final class UnaryAnswerer extends ChannelInboundHandlerAdapter {
        @Override
        public void channelRead(ChannelHandlerContext ctx, Object frame) {
            if (frame instanceof Http2DataFrame data) {
                ctx.write(new DefaultHttp2WindowUpdateFrame(data.initialFlowControlledBytes()).stream(data.stream()));
                if (data.isEndStream()) {
                    answer(ctx, data.stream());
                }
            } else if (frame instanceof Http2HeadersFrame headers && headers.isEndStream()) {
                answer(ctx, headers.stream());
            }
            ReferenceCountUtil.release(frame);
        }

        private static void answer(ChannelHandlerContext ctx, Http2FrameStream stream) {
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().status("200").add("content-type", "application/grpc"))
                    .stream(stream));
            ctx.write(new DefaultHttp2DataFrame(Unpooled.wrappedBuffer(EMPTY_MESSAGE)).stream(stream));
            ctx.write(new DefaultHttp2HeadersFrame(new DefaultHttp2Headers().add("grpc-status", "0"), true).stream(stream));
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            ctx.flush();
        }
    }
}
