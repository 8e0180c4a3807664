package io.tributary.exporter.configgrpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ForwardingClientCall;
import io.grpc.MethodDescriptor;
import io.grpc.CompressorRegistry;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NegotiationType;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.unix.DomainSocketAddress;
import io.tributary.core.net.ClientTls;
import io.tributary.core.net.EventLoops;
import io.tributary.core.net.GrpcClients;
import io.tributary.core.net.auth.ClientAuthenticator;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A grpc-java channel on the shared event loops, configured from otelcol's configgrpc client
 * keys, with the configured headers and the authenticator's credentials attached to every call.
 * The channel resolves and connects lazily, so a backend that is down or does not resolve is not a
 * start failure.
 */
public final class GrpcClientChannel {
    private final ManagedChannel channel;
    private final Channel calls;

    private GrpcClientChannel(ManagedChannel channel, Map<String, String> headers, ClientAuthenticator authenticator) {
        this.channel = channel;
        ClientInterceptor configured = MetadataUtils.newAttachHeadersInterceptor(GrpcClients.metadata(headers));
        // The last interceptor listed starts first: credentials go on after, and over, the configured headers.
        this.calls = authenticator == null
                ? ClientInterceptors.intercept(channel, configured)
                : ClientInterceptors.intercept(channel, credentials(authenticator), configured);
    }

    /**
     * @param authenticator null when the exporter has no {@code auth}
     * @param compressors   the message encodings the channel may use, or null for grpc-java's defaults
     * @throws IllegalArgumentException for an unusable endpoint, unreadable TLS files, or credentials over plaintext
     * @throws IllegalStateException for a {@code unix://} endpoint where Unix domain sockets are not available
     */
    public static GrpcClientChannel open(GrpcClientConfig config, ClientAuthenticator authenticator, CompressorRegistry compressors,
            EventLoopGroup eventLoops)
            throws Exception {
        GrpcTarget target = GrpcTarget.parse(config.endpoint());
        NettyChannelBuilder builder = NettyChannelBuilder.forTarget(target.target())
                .eventLoopGroup(eventLoops)
                .directExecutor();
        if (target.unixSocket()) {
            // Also tells grpc-java's name resolution that this channel takes the unix: resolver's addresses.
            builder.channelType(EventLoops.clientChannel(eventLoops, true), DomainSocketAddress.class);
            // grpc-java sets TCP keepalive on every connection; a domain socket has none, and Netty would warn each time.
            builder.withOption(ChannelOption.SO_KEEPALIVE, null);
        } else {
            builder.channelType(EventLoops.clientChannel(eventLoops, false));
        }
        boolean plaintext = switch (target.security()) {
            case PLAINTEXT -> true;
            case TLS -> false;
            case FROM_TLS_CONFIG -> config.tls().insecure();
        };
        if (plaintext && authenticator != null) {
            // grpc-go refuses per-RPC credentials that require transport security (both authenticators' do) on an insecure channel.
            throw new IllegalArgumentException("auth: the authenticator's credentials are sent only over TLS, "
                    + "as in otelcol, but the endpoint is plaintext (tls::insecure: true or an http:// endpoint)");
        }
        if (plaintext) {
            builder.negotiationType(NegotiationType.PLAINTEXT);
        } else {
            builder.sslContext(ClientTls.build(GrpcSslContexts.forClient(), config.tls()));
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
        return new GrpcClientChannel(builder.build(), config.headers(), authenticator);
    }

    /** The channel to make calls on: it adds the configured headers. */
    public Channel calls() {
        return calls;
    }

    /** Lets calls in flight finish for a bounded wait, then cancels them. */
    public void shutdown() {
        GrpcClients.shutdown(channel);
    }

    /** Asks the authenticator per call, so rotated credentials are used from the next call on. */
    private static ClientInterceptor credentials(ClientAuthenticator authenticator) {
        return new ClientInterceptor() {
            @Override
            public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
                return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
                    @Override
                    public void start(Listener<R> listener, Metadata headers) {
                        authenticator.headers().forEach((name, value) -> {
                            Metadata.Key<String> key = Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER);
                            headers.removeAll(key);
                            headers.put(key, value);
                        });
                        super.start(listener, headers);
                    }
                };
            }
        };
    }
}
