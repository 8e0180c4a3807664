package io.tributary.core.net;

import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.handler.codec.http.HttpRequest;
import io.netty.handler.codec.http.HttpResponse;
import io.netty.handler.codec.http.HttpStatusClass;
import io.netty.handler.codec.http.LastHttpContent;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a connection whose client is too slow to send a request (slowloris): the headers must
 * arrive within the header deadline, the whole request within {@code read_timeout}, and a
 * kept-alive connection must start its next request within the idle deadline. Sits between the
 * HTTP codec and the aggregator, so it sees where headers end and bodies end; runs on the
 * channel's event loop only.
 */
final class RequestDeadlines extends ChannelDuplexHandler {
    private static final Logger LOG = LoggerFactory.getLogger(RequestDeadlines.class);

    private final HttpServerTimeouts timeouts;
    private ScheduledFuture<?> timer;
    /** When reading the current request began (nanos): the connection opened, or the last response went out. */
    private long requestStart;
    private boolean readingBody;
    /** Requests read whole whose responses are not written yet (pipelining). */
    private int responsesOwed;

    RequestDeadlines(HttpServerTimeouts timeouts) {
        this.timeouts = timeouts;
    }

    @Override
    public void channelActive(ChannelHandlerContext ctx) throws Exception {
        requestStart = System.nanoTime();
        arm(ctx, timeouts.headerDeadline(), "request headers");
        super.channelActive(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) throws Exception {
        if (msg instanceof HttpRequest) {
            cancel();
            readingBody = true;
            if (!timeouts.readTimeout().isZero()) {
                arm(ctx, timeouts.readTimeout().minusNanos(System.nanoTime() - requestStart), "request");
            }
        }
        if (msg instanceof LastHttpContent) {
            cancel();
            readingBody = false;
            responsesOwed++;
        }
        super.channelRead(ctx, msg);
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) throws Exception {
        // 1xx (100-continue) is not the answer to a request.
        if (msg instanceof HttpResponse response && response.status().codeClass() != HttpStatusClass.INFORMATIONAL
                && msg instanceof LastHttpContent) {
            promise = promise.unvoid();
            promise.addListener(written -> responseWritten(ctx));
        }
        super.write(ctx, msg, promise);
    }

    private void responseWritten(ChannelHandlerContext ctx) {
        responsesOwed = Math.max(0, responsesOwed - 1);
        if (responsesOwed == 0 && !readingBody && ctx.channel().isActive()) {
            requestStart = System.nanoTime();
            arm(ctx, timeouts.idleDeadline(), "the next request");
        }
    }

    private void arm(ChannelHandlerContext ctx, Duration deadline, String what) {
        cancel();
        if (deadline.isZero()) {
            return;
        }
        long nanos = Math.max(1, deadline.toNanos());
        timer = ctx.executor().schedule(() -> {
            LOG.debug("closing HTTP connection from {}: {} not read within {}", ctx.channel().remoteAddress(), what, deadline);
            ctx.close();
        }, nanos, TimeUnit.NANOSECONDS);
    }

    private void cancel() {
        if (timer != null) {
            timer.cancel(false);
            timer = null;
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) throws Exception {
        cancel();
        super.channelInactive(ctx);
    }
}
