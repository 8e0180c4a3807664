package io.tributary.exporter.otlp;

import com.google.protobuf.Any;
import com.google.protobuf.InvalidProtocolBufferException;
import com.google.rpc.RetryInfo;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.protobuf.ProtoUtils;
import io.grpc.protobuf.StatusProto;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import io.opentelemetry.proto.collector.trace.v1.ExportTracePartialSuccess;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceResponse;
import io.tributary.core.component.Host;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.core.exporterhelper.Sender;
import io.tributary.core.net.TlsClientConfig;
import java.io.File;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one batch per unary {@code TraceService/Export} call over a grpc-java channel on the
 * shared event loops. The batch goes out as its encoded bytes; failures are classified like
 * otelcol's otlpexporter so the {@code ExporterHelper} knows what to retry.
 */
final class OtlpGrpcSender implements Sender {
    private static final Logger log = LoggerFactory.getLogger(OtlpGrpcSender.class);

    static final MethodDescriptor<Traces, ExportTraceServiceResponse> EXPORT =
            MethodDescriptor.<Traces, ExportTraceServiceResponse>newBuilder()
                    .setType(MethodDescriptor.MethodType.UNARY)
                    .setFullMethodName(MethodDescriptor.generateFullMethodName(
                            "opentelemetry.proto.collector.trace.v1.TraceService", "Export"))
                    .setRequestMarshaller(EncodedTraces.MARSHALLER)
                    .setResponseMarshaller(ProtoUtils.marshaller(ExportTraceServiceResponse.getDefaultInstance()))
                    .build();

    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final OtlpExporterConfig config;
    private final EventLoopGroup eventLoops;
    private volatile ManagedChannel channel;
    private volatile Channel calls;

    OtlpGrpcSender(OtlpExporterConfig config, EventLoopGroup eventLoops) {
        this.config = config;
        this.eventLoops = eventLoops;
    }

    /** Builds the channel; it connects (and resolves the name) lazily, so a backend that is down does not fail start. */
    @Override
    public void start(Host host) throws Exception {
        GrpcTarget target = GrpcTarget.parse(config.endpoint());
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target.target())
                .eventLoopGroup(eventLoops)
                .channelType(NioSocketChannel.class)
                .directExecutor();
        boolean plaintext = switch (target.security()) {
            case PLAINTEXT -> true;
            case TLS -> false;
            case FROM_TLS_CONFIG -> config.tls().insecure();
        };
        if (plaintext) {
            builder.negotiationType(NegotiationType.PLAINTEXT);
        } else {
            builder.sslContext(sslContext(config.tls()));
        }
        // grpc-java verifies the server certificate against the authority, so server_name_override
        // has to become the authority; an explicit authority wins as it does in otelcol.
        String authority = config.authority() != null ? config.authority() : config.tls().serverNameOverride();
        if (authority != null && !authority.isEmpty()) {
            builder.overrideAuthority(authority);
        }
        if (config.balancerName() != null && !config.balancerName().isEmpty()) {
            builder.defaultLoadBalancingPolicy(config.balancerName());
        }
        KeepaliveConfig keepalive = config.keepalive();
        if (!keepalive.time().isZero()) {
            builder.keepAliveTime(keepalive.time().toNanos(), TimeUnit.NANOSECONDS)
                    .keepAliveWithoutCalls(keepalive.permitWithoutStream());
            if (!keepalive.timeout().isZero()) {
                builder.keepAliveTimeout(keepalive.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        if (config.gzip()) {
            CompressorRegistry compressors = CompressorRegistry.newEmptyInstance();
            compressors.register(new GzipCompressor(config.compressionParams().level()));
            builder.compressorRegistry(compressors);
        }
        ManagedChannel built = builder.build();
        channel = built;
        calls = ClientInterceptors.intercept(built, MetadataUtils.newAttachHeadersInterceptor(metadata(config.headers())));
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        CallOptions options = CallOptions.DEFAULT;
        if (config.gzip()) {
            options = options.withCompression("gzip");
        }
        if (!timeout.isZero()) {
            options = options.withDeadlineAfter(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        if (config.waitForReady()) {
            options = options.withWaitForReady();
        }
        ExportTraceServiceResponse response;
        try {
            response = ClientCalls.blockingUnaryCall(calls, EXPORT, options, traces);
        } catch (StatusRuntimeException e) {
            throw classify(e);
        }
        if (response.hasPartialSuccess()) {
            warnPartialSuccess(response.getPartialSuccess());
        }
    }

    @Override
    public void shutdown() {
        ManagedChannel c = channel;
        if (c == null) {
            return;
        }
        c.shutdown();
        try {
            if (!c.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                c.shutdownNow();
            }
        } catch (InterruptedException e) {
            c.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    /**
     * otelcol's rule: transient codes are retried; RESOURCE_EXHAUSTED only when the server sent
     * RetryInfo (it is then throttling, not refusing); everything else is permanent.
     */
    static SendException classify(StatusRuntimeException e) {
        Status status = e.getStatus();
        RetryInfo retryInfo = retryInfo(e);
        Duration delay = retryInfo == null ? null : throttle(retryInfo);
        String message = "export failed: " + status.getCode()
                + (status.getDescription() == null ? "" : ": " + status.getDescription());
        return switch (status.getCode()) {
            case CANCELLED, DEADLINE_EXCEEDED, ABORTED, OUT_OF_RANGE, UNAVAILABLE, DATA_LOSS ->
                    SendException.retryable(message, delay, e);
            case RESOURCE_EXHAUSTED -> retryInfo != null
                    ? SendException.retryable(message, delay, e)
                    : SendException.permanent(message, e);
            default -> SendException.permanent(message, e);
        };
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

    private static void warnPartialSuccess(ExportTracePartialSuccess partial) {
        if (partial.getRejectedSpans() > 0 || !partial.getErrorMessage().isEmpty()) {
            log.warn("Partial success response: {} spans rejected by the backend: {}",
                    partial.getRejectedSpans(), partial.getErrorMessage());
        }
    }

    private static Metadata metadata(Map<String, String> headers) {
        Metadata metadata = new Metadata();
        headers.forEach((name, value) -> metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        return metadata;
    }

    private static SslContext sslContext(TlsClientConfig tls) throws Exception {
        SslContextBuilder builder = GrpcSslContexts.forClient();
        if (tls.insecureSkipVerify()) {
            builder.trustManager(InsecureTrustManagerFactory.INSTANCE);
        } else if (tls.caFile() != null && !tls.caFile().isEmpty()) {
            builder.trustManager(readable(tls.caFile(), "ca_file"));
        }
        boolean cert = tls.certFile() != null && !tls.certFile().isEmpty();
        boolean key = tls.keyFile() != null && !tls.keyFile().isEmpty();
        if (cert != key) {
            throw new IllegalArgumentException("tls: cert_file and key_file must be given together");
        }
        if (cert) {
            builder.keyManager(readable(tls.certFile(), "cert_file"), readable(tls.keyFile(), "key_file"));
        }
        if (tls.minVersion() != null && !tls.minVersion().isEmpty()) {
            builder.protocols(protocolsFrom(tls.minVersion()));
        }
        return builder.build();
    }

    private static List<String> protocolsFrom(String minVersion) {
        return switch (minVersion) {
            case "1.0" -> List.of("TLSv1.3", "TLSv1.2", "TLSv1.1", "TLSv1");
            case "1.1" -> List.of("TLSv1.3", "TLSv1.2", "TLSv1.1");
            case "1.2" -> List.of("TLSv1.3", "TLSv1.2");
            case "1.3" -> List.of("TLSv1.3");
            default -> throw new IllegalArgumentException("tls: invalid min_version \"" + minVersion + "\"");
        };
    }

    private static File readable(String path, String key) {
        File file = new File(path);
        if (!file.canRead()) {
            throw new IllegalArgumentException("tls: cannot read " + key + " " + path);
        }
        return file;
    }
}
