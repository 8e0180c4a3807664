package io.tributary.receiver.otlp;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Status.Code;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import java.time.Duration;

/**
 * Why an export was not accepted, as both transports report it: a gRPC code, a message, and for
 * back-pressure the delay to put in {@code RetryInfo} (gRPC) or {@code Retry-After} (HTTP).
 */
record ExportFailure(Code code, String message, Duration retryAfter) {
    /** Used when the pipeline asks for a retry without saying when. */
    static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    /** The worker pool is full: the request was not looked at. */
    static final ExportFailure BUSY = new ExportFailure(Code.UNAVAILABLE, "server busy, retry later", DEFAULT_RETRY_DELAY);

    static ExportFailure invalid(String message) {
        return new ExportFailure(Code.INVALID_ARGUMENT, message, null);
    }

    /** Classifies a pipeline refusal per the consumer contract; anything unexpected is INTERNAL. */
    static ExportFailure refused(RuntimeException e) {
        if (e instanceof RetryableException r) {
            Code code = r.resourceExhausted() ? Code.RESOURCE_EXHAUSTED : Code.UNAVAILABLE;
            return new ExportFailure(code, r.getMessage(), r.retryAfter().orElse(DEFAULT_RETRY_DELAY));
        }
        if (e instanceof PermanentException) {
            return invalid(e.getMessage());
        }
        return new ExportFailure(Code.INTERNAL, "internal error: " + e, null);
    }

    /** The {@code google.rpc.Status} sent as gRPC status details or as the OTLP/HTTP error body. */
    com.google.rpc.Status toStatus() {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder()
                .setCode(code.value())
                .setMessage(message == null ? "" : message);
        if (retryAfter != null) {
            status.addDetails(Any.pack(RetryInfo.newBuilder()
                    .setRetryDelay(com.google.protobuf.Duration.newBuilder()
                            .setSeconds(retryAfter.getSeconds())
                            .setNanos(retryAfter.getNano()))
                    .build()));
        }
        return status.build();
    }
}
