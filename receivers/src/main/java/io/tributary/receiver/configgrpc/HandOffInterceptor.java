package io.tributary.receiver.configgrpc;

import io.grpc.Context;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.concurrent.Executor;

/**
 * Hands a call to the worker pool once, when its request is complete, for a server whose other
 * callbacks run on the event loop (grpc-java's direct executor). With the pool as the server's
 * executor, grpc-java hands over each callback of a unary call (start, message, half-close,
 * completion) one by one, each waking a parked worker: at an agent's 100 requests a second those
 * wake-ups cost more than the request's work. The half-close is where a unary method runs, and
 * the only callback that may block (on the pipeline), so it alone leaves the event loop.
 */
final class HandOffInterceptor implements ServerInterceptor {
    private final Executor workers;

    /** @param workers where methods run; one that refuses a task runs it on the calling thread, refusing the call */
    HandOffInterceptor(Executor workers) {
        this.workers = workers;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
        return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
            @Override
            public void onHalfClose() {
                workers.execute(Context.current().wrap(super::onHalfClose));
            }
        };
    }
}
