package io.tributary.core.net;

import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * The gRPC server's executor: the shared worker pool, except that a call the full pool rejects
 * runs on the transport thread just long enough to be refused with UNAVAILABLE and RetryInfo
 * (the handler checks {@link #shedding()} before doing any work). Without this grpc-java resets
 * the stream, and gRPC clients (OTLP, Jaeger) do not retry the error they then see.
 */
public final class SheddingExecutor implements Executor {
    private static final ThreadLocal<Boolean> SHEDDING = ThreadLocal.withInitial(() -> Boolean.FALSE);

    private final Executor workers;

    public SheddingExecutor(Executor workers) {
        this.workers = workers;
    }

    @Override
    public void execute(Runnable task) {
        try {
            workers.execute(task);
        } catch (RejectedExecutionException e) {
            SHEDDING.set(Boolean.TRUE);
            try {
                task.run();
            } finally {
                SHEDDING.set(Boolean.FALSE);
            }
        }
    }

    /** Whether the running code was rejected by the pool and must refuse instead of working. */
    public static boolean shedding() {
        return SHEDDING.get();
    }
}
