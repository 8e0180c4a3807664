package io.tributary.core.net;

import io.grpc.Context;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.tributary.core.client.AuthData;
import io.tributary.core.client.ClientInfo;
import io.tributary.core.net.auth.AuthenticationException;
import io.tributary.core.net.auth.ServerAuthenticator;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per connection: hands each aggregated request to the executor and writes the responses back
 * in request order (HTTP/1.1 pipelining), keeping or closing the connection as the request asked.
 */
final class DispatchHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    private static final Logger LOG = LoggerFactory.getLogger(DispatchHandler.class);
    /** Seconds a client should wait when the worker pool is saturated. */
    private static final String BUSY_RETRY_AFTER = "1";

    private final Executor executor;
    private final HttpServer.Handler handler;
    /** Null when the server does not authenticate. */
    private final ServerAuthenticator authenticator;
    private final boolean includeMetadata;
    /** Set on the first request: a request's peer is its connection's, whose address never changes. */
    private ClientInfo peer;
    /** Completes when the previous response has been handed to the channel; touched only on the event loop. */
    private CompletableFuture<Void> previousWrite = CompletableFuture.completedFuture(null);

    DispatchHandler(Executor executor, HttpServer.Handler handler, ServerAuthenticator authenticator,
            boolean includeMetadata) {
        super(false);
        this.executor = executor;
        this.handler = handler;
        this.authenticator = authenticator;
        this.includeMetadata = includeMetadata;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        boolean keepAlive = HttpUtil.isKeepAlive(request);
        HttpVersion version = request.protocolVersion();
        CompletableFuture<FullHttpResponse> response;
        if (request.decoderResult().isFailure()) {
            request.release();
            response = CompletableFuture.completedFuture(HttpServer.response(HttpResponseStatus.BAD_REQUEST, "text/plain; charset=utf-8", "malformed HTTP request"));
            keepAlive = false;
        } else {
            if (peer == null) {
                peer = ClientInfo.of(ctx.channel().remoteAddress());
            }
            response = dispatch(request, peer, ctx.channel());
        }
        boolean keep = keepAlive;
        // The write runs on the event loop as a task: had it run inline wherever the chain
        // completed, a response completed on the loop could overtake an earlier one that a worker
        // thread had only queued to it.
        previousWrite = previousWrite.thenCombine(response, (ignored, r) -> r)
                .thenAcceptAsync(r -> write(ctx, r, version, keep), ctx.executor());
    }

    private CompletableFuture<FullHttpResponse> dispatch(FullHttpRequest request, ClientInfo peer, Channel channel) {
        CompletableFuture<FullHttpResponse> response = new CompletableFuture<>();
        try {
            executor.execute(() -> handleOnWorkerWhileConnected(request, peer, response, channel));
        } catch (RejectedExecutionException e) {
            request.release();
            FullHttpResponse busy = HttpServer.response(HttpResponseStatus.SERVICE_UNAVAILABLE, "text/plain; charset=utf-8", "server busy, retry later");
            busy.headers().set(HttpHeaderNames.RETRY_AFTER, BUSY_RETRY_AFTER);
            response.complete(busy);
        }
        return response;
    }

    /**
     * Runs the handler in a {@link Context} that is cancelled when the client's connection closes,
     * as Go's request context is: what waits on the caller's behalf (a sending queue's
     * {@code block_on_overflow} or {@code wait_for_result}) stops when nobody waits for the answer.
     */
    private void handleOnWorkerWhileConnected(FullHttpRequest request, ClientInfo peer, CompletableFuture<FullHttpResponse> response,
            Channel channel) {
        Context.CancellableContext call = Context.current().withCancellation();
        ChannelFutureListener clientGone = closed -> call.cancel(null);
        channel.closeFuture().addListener(clientGone);
        try {
            call.run(() -> handleOnWorker(request, peer, response));
        } finally {
            channel.closeFuture().removeListener(clientGone);
            call.cancel(null);
        }
    }

    private void handleOnWorker(FullHttpRequest request, ClientInfo peer, CompletableFuture<FullHttpResponse> response) {
        CompletableFuture<FullHttpResponse> handled;
        try {
            handled = handler.handle(request, client(request, peer));
        } catch (AuthenticationException e) {
            handled = CompletableFuture.completedFuture(handler.unauthenticated(request, e.getMessage()));
        } catch (RuntimeException | Error e) {
            handled = CompletableFuture.failedFuture(e);
        }
        handled.whenComplete((r, error) -> {
            request.release();
            if (error != null || r == null) {
                LOG.warn("HTTP handler failed for {} {}", request.method(), request.uri(), error);
                response.complete(HttpServer.response(HttpResponseStatus.INTERNAL_SERVER_ERROR, "text/plain; charset=utf-8", "internal error"));
            } else {
                response.complete(r);
            }
        });
    }

    /**
     * As confighttp: the peer always; the headers with {@code include_metadata}; what the
     * authenticator learnt. Runs on the worker: an authenticator may be slow (bcrypt), and the
     * event loop must not wait for it.
     */
    private ClientInfo client(FullHttpRequest request, ClientInfo peer) throws AuthenticationException {
        AuthData auth = authenticator == null ? null : authenticator.authenticate(name -> request.headers().get(name));
        ClientInfo client = includeMetadata ? peer.withMetadata(ClientInfo.metadata(request.headers())) : peer;
        return client.withAuth(auth);
    }

    private static void write(ChannelHandlerContext ctx, FullHttpResponse response, HttpVersion version, boolean keepAlive) {
        response.setProtocolVersion(version);
        HttpUtil.setContentLength(response, response.content().readableBytes());
        HttpUtil.setKeepAlive(response, keepAlive);
        ChannelFuture written = ctx.writeAndFlush(response);
        if (!keepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }


    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("closing HTTP connection from {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
