package io.tributary.exporter.grpc;

import io.grpc.LoadBalancerRegistry;
import io.tributary.config.ConfigNode;

import io.grpc.Channel;
import io.grpc.ClientInterceptors;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.tributary.core.net.TlsClientConfig;
import io.tributary.exporter.net.ClientTls;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java channel on the shared event loops, configured from otelcol's configgrpc client
 * keys, with the configured headers attached to every call. The channel resolves and connects
 * lazily, so a backend that is down or does not resolve is not a start failure.
 */
public final class GrpcClientChannel {
    private static final Duration SHUTDOWN_WAIT = Duration.ofSeconds(5);

    private final ManagedChannel channel;
    private final Channel calls;

    private GrpcClientChannel(ManagedChannel channel, Map<String, String> headers) {
        this.channel = channel;
        this.calls = ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(metadata(headers)));
    }

    /**
     * The configgrpc client keys a channel needs.
     *
     * @param authority    an explicit {@code authority}, or null
     * @param balancerName empty or null for grpc-java's default
     * @param keepalive    null for no keepalive pings
     */
    public record Settings(
            String endpoint,
            TlsClientConfig tls,
            Map<String, String> headers,
            String authority,
            String balancerName,
            KeepaliveConfig keepalive) {
    }

    /**
     * The checks every gRPC exporter config makes in its compact constructor: a balancer grpc-java
     * knows, and no {@code auth} (authenticator extensions are not supported yet).
     *
     * @throws IllegalArgumentException naming the bad key
     */
    public static void checkConfig(String balancerName, ConfigNode auth) {
        if (balancerName != null && !balancerName.isEmpty()
                && LoadBalancerRegistry.getDefaultRegistry().getProvider(balancerName) == null) {
            throw new IllegalArgumentException("invalid balancer_name: " + balancerName);
        }
        if (auth != null && !auth.isNull()) {
            throw new IllegalArgumentException("auth (authenticator extensions) is not supported yet");
        }
    }

    /**
     * @param compressors the message encodings the channel may use, or null for grpc-java's defaults
     * @throws IllegalArgumentException for an unusable endpoint or unreadable TLS files
     */
    public static GrpcClientChannel open(Settings settings, CompressorRegistry compressors, EventLoopGroup eventLoops)
            throws Exception {
        GrpcTarget target = GrpcTarget.parse(settings.endpoint());
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target.target())
                .eventLoopGroup(eventLoops)
                .channelType(NioSocketChannel.class)
                .directExecutor();
        boolean plaintext = switch (target.security()) {
            case PLAINTEXT -> true;
            case TLS -> false;
            case FROM_TLS_CONFIG -> settings.tls().insecure();
        };
        if (plaintext) {
            builder.negotiationType(NegotiationType.PLAINTEXT);
        } else {
            builder.sslContext(ClientTls.build(GrpcSslContexts.forClient(), settings.tls()));
        }
        // grpc-java verifies the server certificate against the authority, so server_name_override
        // has to become the authority; an explicit authority wins as it does in otelcol.
        String authority = settings.authority() != null ? settings.authority() : settings.tls().serverNameOverride();
        if (authority != null && !authority.isEmpty()) {
            builder.overrideAuthority(authority);
        }
        if (settings.balancerName() != null && !settings.balancerName().isEmpty()) {
            builder.defaultLoadBalancingPolicy(settings.balancerName());
        }
        KeepaliveConfig keepalive = settings.keepalive();
        if (keepalive != null && !keepalive.time().isZero()) {
            builder.keepAliveTime(keepalive.time().toNanos(), TimeUnit.NANOSECONDS)
                    .keepAliveWithoutCalls(keepalive.permitWithoutStream());
            if (!keepalive.timeout().isZero()) {
                builder.keepAliveTimeout(keepalive.timeout().toNanos(), TimeUnit.NANOSECONDS);
            }
        }
        if (compressors != null) {
            builder.compressorRegistry(compressors);
        }
        return new GrpcClientChannel(builder.build(), settings.headers());
    }

    /** The channel to make calls on: it adds the configured headers. */
    public Channel calls() {
        return calls;
    }

    /** Lets calls in flight finish for a bounded wait, then cancels them. */
    public void shutdown() {
        channel.shutdown();
        try {
            if (!channel.awaitTermination(SHUTDOWN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                channel.shutdownNow();
            }
        } catch (InterruptedException e) {
            channel.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static Metadata metadata(Map<String, String> headers) {
        Metadata metadata = new Metadata();
        headers.forEach((name, value) -> metadata.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        return metadata;
    }
}
