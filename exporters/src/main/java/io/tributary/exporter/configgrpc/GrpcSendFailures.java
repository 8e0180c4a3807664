package io.tributary.exporter.configgrpc;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.exporter.net.SendErrors;
import java.time.Duration;

/** Classifies a failed gRPC call the way otelcol's gRPC exporters do, so the exporter helper knows what to retry. */
public final class GrpcSendFailures {
    private GrpcSendFailures() {
    }

    /**
     * otelcol's rule: transient codes are retried; RESOURCE_EXHAUSTED only when the server sent
     * RetryInfo (it is then throttling, not refusing); everything else is permanent.
     *
     * @param target  the endpoint as configured, named when the connection failed
     * @param timeout the attempt's timeout, named when it ran out
     */
    public static SendException classify(StatusRuntimeException e, String target, Duration timeout) {
        Status status = e.getStatus();
        RetryInfo retryInfo = retryInfo(e);
        Duration delay = retryInfo == null ? null : throttle(retryInfo);
        String detail = detail(status, target, timeout);
        String message = "export failed: " + status.getCode() + (detail == null ? "" : ": " + detail);
        return switch (status.getCode()) {
            case CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS ->
                    SendException.retryable(message, delay, e);
            case RESOURCE_EXHAUSTED -> retryInfo != null
                    ? SendException.retryable(message, delay, e)
                    : SendException.permanent(message, e);
            default -> SendException.permanent(message, e);
        };
    }

    /**
     * The server's description, or for a failure of our side (which grpc-java describes as "io
     * exception" or with its deadline internals) the reason from its cause.
     */
    private static String detail(Status status, String target, Duration timeout) {
        if (status.getCode() == Status.Code.DEADLINE_EXCEEDED && status.getCause() == null && !timeout.isZero()) {
            return SendErrors.deadlineExceeded(timeout);
        }
        if (status.getCause() != null) {
            return SendErrors.describe(status.getCause(), target, timeout);
        }
        return status.getDescription();
    }

    private static RetryInfo retryInfo(StatusRuntimeException e) {
        com.google.rpc.Status details = StatusProto.fromThrowable(e);
        if (details == null) {
            return null;
        }
        for (Any any : details.getDetailsList()) {
            if (any.is(RetryInfo.class)) {
                try {
                    return any.unpack(RetryInfo.class);
                } catch (InvalidProtocolBufferException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    /** The server's delay, or null when it gave none (then the helper's backoff decides). */
    private static Duration throttle(RetryInfo info) {
        if (!info.hasRetryDelay()) {
            return null;
        }
        Duration d = Duration.ofSeconds(info.getRetryDelay().getSeconds(), info.getRetryDelay().getNanos());
        return d.isNegative() || d.isZero() ? null : d;
    }
}
