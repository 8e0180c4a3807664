package io.tributary.core.exporterhelper;

import io.grpc.Context;

/**
 * How long the caller of {@code consume} may be kept waiting (for room in a full queue with
 * {@code block_on_overflow}, for the result with {@code wait_for_result}): otelcol bounds these
 * waits by the request's context. Here that is the {@link Context} the receiver's request runs
 * in: a gRPC call's, cancelled at the client's deadline or when the client gives up, or an HTTP
 * request's, cancelled when the client's connection closes. A caller without one (a processor's
 * timer) waits until the queue has room, the batch is done, or the exporter shuts down.
 */
final class CallerContext {
    private final Context context;

    private CallerContext(Context context) {
        this.context = context;
    }

    static CallerContext current() {
        return new CallerContext(Context.current());
    }

    /** Whether the caller's deadline passed or it gave up. */
    boolean gone() {
        return context.isCancelled();
    }

    /**
     * Runs {@code wake} once the caller is gone (at once if it already is), until the returned
     * registration is closed.
     */
    Registration onGone(Runnable wake) {
        Context.CancellationListener listener = cancelled -> wake.run();
        context.addListener(listener, Runnable::run);
        return () -> context.removeListener(listener);
    }

    /** A listener to remove when the wait is over. */
    interface Registration extends AutoCloseable {
        @Override
        void close();
    }
}
