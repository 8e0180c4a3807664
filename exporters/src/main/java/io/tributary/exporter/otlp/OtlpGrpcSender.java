package io.tributary.exporter.otlp;

import com.google.protobuf.Message;
import io.grpc.CallOptions;
import io.grpc.CompressorRegistry;
import io.grpc.MethodDescriptor;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.ClientCalls;
import io.netty.channel.EventLoopGroup;
import io.tributary.core.component.Host;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.exporter.configgrpc.GrpcClientChannel;
import io.tributary.exporter.configgrpc.GrpcSendFailures;
import io.tributary.exporter.net.PartialSuccess;
import java.time.Duration;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch per unary {@code Export} call of the batch's signal ({@code TraceService},
 * {@code MetricsService}, {@code LogsService}) over one grpc-java channel on the shared event
 * loops, which the exporter's signals share. The batch goes out as its encoded bytes; failures are
 * classified like otelcol's otlpexporter so the {@code ExporterHelper} knows what to retry.
 */
public final class OtlpGrpcSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(OtlpGrpcSender.class);

    private static final Map<Signal<?>, MethodDescriptor<SignalData<?, ?>, Message>> EXPORT = Signal.all().stream()
            .collect(Collectors.toUnmodifiableMap(Function.identity(), signal -> signal.exportMethod(EncodedRequests.MARSHALLER)));

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
        send(Signal.TRACES, traces, timeout);
    }

    @Override
    public <D extends SignalData<D, ?>> void send(Signal<D> signal, D data, Duration timeout) throws SendException {
        CallOptions options = config.client().callOptions(timeout);
        Message response;
        try {
            response = ClientCalls.blockingUnaryCall(channel.calls(), EXPORT.get(signal), options, data);
        } catch (StatusRuntimeException e) {
            throw GrpcSendFailures.classify(e, config.client().endpoint(), timeout);
        }
        PartialSuccess.warnIfAny(log, signal, response);
    }

    @Override
    public void shutdown() {
        GrpcClientChannel c = channel;
        if (c != null) {
            c.shutdown();
        }
    }
}
