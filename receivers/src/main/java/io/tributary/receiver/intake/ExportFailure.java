package io.tributary.receiver.intake;

import com.google.protobuf.Any;
import com.google.rpc.RetryInfo;
import io.grpc.Status.Code;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.tributary.core.consumer.PermanentException;
import io.tributary.core.consumer.RetryableException;
import java.time.Duration;

/**
 * Why an export was not accepted, as every receiver reports it over gRPC or HTTP: a gRPC code, a
 * message, and for back-pressure the delay to put in {@code RetryInfo} or {@code Retry-After}.
 */
public record ExportFailure(Code code, String message, Duration retryAfter) {
    /** Used when the pipeline asks for a retry without saying when. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    /** The worker pool is full: the request was not looked at. */
    public static final ExportFailure BUSY = new ExportFailure(Code.UNAVAILABLE, "server busy, retry later", DEFAULT_RETRY_DELAY);

    public static ExportFailure invalid(String message) {
        return new ExportFailure(Code.INVALID_ARGUMENT, message, null);
    }

    /**
     * What a client is told when the pipeline failed in a way the consumer contract does not
     * describe (a bug): the exception is in the collector's log, never in the answer.
     */
    public static final String UNEXPECTED_FAILURE = "the collector could not accept the data; see its log";

    /** Classifies a pipeline refusal per the consumer contract; anything unexpected is INTERNAL. */
    public static ExportFailure refused(RuntimeException e) {
        if (e instanceof RetryableException r) {
            Code code = r.resourceExhausted() ? Code.RESOURCE_EXHAUSTED : Code.UNAVAILABLE;
            return new ExportFailure(code, r.getMessage(), r.retryAfter().orElse(DEFAULT_RETRY_DELAY));
        }
        if (e instanceof PermanentException) {
            return invalid(e.getMessage());
        }
        return new ExportFailure(Code.INTERNAL, UNEXPECTED_FAILURE, null);
    }

    /** The {@code google.rpc.Status} sent as gRPC status details or as the OTLP/HTTP error body. */
    public com.google.rpc.Status toStatus() {
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

    public StatusRuntimeException toGrpc() {
        return StatusProto.toStatusRuntimeException(toStatus());
    }

    /** The HTTP status a receiver answers with: 400 bad data, 429 full, 503 back-pressure, 500 otherwise. */
    public HttpResponseStatus httpStatus() {
        return switch (code) {
            case INVALID_ARGUMENT -> HttpResponseStatus.BAD_REQUEST;
            case RESOURCE_EXHAUSTED -> HttpResponseStatus.TOO_MANY_REQUESTS;
            case UNAVAILABLE -> HttpResponseStatus.SERVICE_UNAVAILABLE;
            default -> HttpResponseStatus.INTERNAL_SERVER_ERROR;
        };
    }

    /** Sets {@code Retry-After} when there is a delay: whole seconds, rounded up so no client retries early. */
    public FullHttpResponse withRetryAfter(FullHttpResponse response) {
        if (retryAfter != null) {
            response.headers().set(HttpHeaderNames.RETRY_AFTER, Math.max(1, (retryAfter.toMillis() + 999) / 1000));
        }
        return response;
    }
}
