package io.tributary.core.telemetry.push;

import io.netty.channel.EventLoopGroup;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsPartialSuccess;
import io.opentelemetry.proto.collector.metrics.v1.ExportMetricsServiceRequest;
import io.tributary.core.telemetry.TelemetryConfig;
import java.time.Duration;

/** Sends self-metrics to one OTLP backend: a periodic reader's {@code otlp} exporter, outside every pipeline. */
interface MetricsPush extends AutoCloseable {
    /** @throws Exception saying why the backend did not take the whole request */
    void send(ExportMetricsServiceRequest request, Duration timeout) throws Exception;

    @Override
    void close();

    /**
     * A client for {@code otlp}'s protocol and endpoint; connects lazily.
     *
     * @throws Exception for unreadable TLS files or headers the HTTP client refuses
     */
    static MetricsPush open(TelemetryConfig.Otlp otlp, EventLoopGroup eventLoops) throws Exception {
        return otlp.protocol() == TelemetryConfig.Protocol.GRPC ? GrpcMetricsPush.open(otlp, eventLoops) : HttpMetricsPush.open(otlp);
    }

    /**
     * A backend's partial success is an error to report, as the OpenTelemetry SDK reports it.
     *
     * @throws PartialSuccessException when the backend rejected points or said why
     */
    static void checkPartialSuccess(ExportMetricsPartialSuccess partial) throws PartialSuccessException {
        if (partial.getRejectedDataPoints() != 0 || !partial.getErrorMessage().isEmpty()) {
            throw new PartialSuccessException("OTLP partial success: " + partial.getErrorMessage()
                    + " (" + partial.getRejectedDataPoints() + " metric data points rejected)");
        }
    }

    /** The backend took the request but not all of it. */
    final class PartialSuccessException extends Exception {
        PartialSuccessException(String message) {
            super(message);
        }
    }
}
