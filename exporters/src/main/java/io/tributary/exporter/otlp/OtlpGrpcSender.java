package io.tributary.exporter.otlp;

import io.grpc.CallOptions;
import io.grpc.CompressorRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.netty.channel.EventLoopGroup;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.component.Host;
import io.tributary.core.data.TraceServiceMethod;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.exporter.configgrpc.GrpcClientChannel;
import io.tributary.exporter.configgrpc.GrpcSendFailures;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch per unary {@code TraceService/Export} call over a grpc-java channel on the
 * shared event loops. The batch goes out as its encoded bytes; failures are classified like
 * otelcol's otlpexporter so the {@code ExporterHelper} knows what to retry.
 */
public final class OtlpGrpcSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(OtlpGrpcSender.class);

    static final MethodDescriptor<Traces, ExportTraceServiceResponse> EXPORT = TraceServiceMethod.export(EncodedTraces.MARSHALLER);

    private final OtlpExporterConfig config;
    private final EventLoopGroup eventLoops;
    private volatile GrpcClientChannel channel;

    public OtlpGrpcSender(OtlpExporterConfig config, EventLoopGroup eventLoops) {
        this.config = config;
        this.eventLoops = eventLoops;
    }

    /** Builds the channel; it connects (and resolves the name) lazily, so a backend that is down does not fail start. */
    @Override
    public void start(Host host) throws Exception {
        CompressorRegistry compressors = null;
        if (config.client().gzip()) {
            compressors = CompressorRegistry.newEmptyInstance();
            compressors.register(new GzipCompressor(config.compressionParams().level()));
        }
        channel = GrpcClientChannel.open(config.client(), Authenticators.client(host, config.client().auth(), "auth"), compressors,
                eventLoops);
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        CallOptions options = config.client().callOptions(timeout);
        ExportTraceServiceResponse response;
        try {
            response = ClientCalls.blockingUnaryCall(channel.calls(), EXPORT, options, traces);
        } catch (StatusRuntimeException e) {
            throw GrpcSendFailures.classify(e, config.client().endpoint(), timeout);
        }
        if (response.hasPartialSuccess()) {
            warnPartialSuccess(response.getPartialSuccess());
        }
    }

    @Override
    public void shutdown() {
        GrpcClientChannel c = channel;
        if (c != null) {
            c.shutdown();
        }
    }

    private static void warnPartialSuccess(ExportTracePartialSuccess partial) {
        if (partial.getRejectedSpans() > 0 || !partial.getErrorMessage().isEmpty()) {
            log.warn("Partial success response: {} spans rejected by the backend: {}",
                    partial.getRejectedSpans(), partial.getErrorMessage());
        }
    }
}
