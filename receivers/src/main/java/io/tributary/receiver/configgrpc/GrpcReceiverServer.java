package io.tributary.receiver.configgrpc;

import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.netty.GrpcSslContexts;
import io.grpc.netty.NettyServerBuilder;
import io.netty.channel.ChannelOption;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.handler.ssl.SslContext;
import io.grpc.ServerInterceptors;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentLog;
import io.tributary.core.component.Host;
import io.tributary.core.component.Kind;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.EventLoops;
import io.tributary.core.net.ListenAddress;
import io.tributary.core.net.ServerTls;
import io.tributary.core.net.SheddingExecutor;
import io.tributary.core.net.auth.Authenticators;
import io.tributary.core.net.auth.ServerAuthenticator;
import java.io.IOException;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A receiver's grpc-java server, built one way for every receiver: the shared event loops, the
 * worker pool behind a {@link SheddingExecutor}, TLS, stream limits and keepalive from
 * {@link GrpcConfig}, the {@code auth} check, and a bind failure that names the address.
 */
public final class GrpcReceiverServer {
    private static final Logger LOG = LoggerFactory.getLogger(GrpcReceiverServer.class);
    private static final Duration SHUTDOWN_GRACE = Duration.ofSeconds(5);

    private final Server server;

    private GrpcReceiverServer(Server server) {
        this.server = server;
    }

    /**
     * @param config a config whose endpoint is set (see {@link GrpcConfig#withDefaultEndpoint})
     * @param path         the section's key path, e.g. {@code receivers::otlp::protocols::grpc}, for errors in its {@code auth}
     * @param startMessage the receiver's otelcol line, logged with the bound {@code endpoint}, e.g. {@code Starting GRPC server}
     * @throws IllegalArgumentException when {@code auth} names no usable authenticator
     */
    public static GrpcReceiverServer start(GrpcConfig config, String path, String startMessage, ComponentContext context,
            Host host, ServerServiceDefinition... services) throws IOException {
        ServerAuthenticator authenticator = Authenticators.server(host, config.auth(), path + "::auth");
        SocketAddress address = config.listenAddress();
        NettyServerBuilder builder = NettyServerBuilder.forAddress(address)
                .bossEventLoopGroup(context.eventLoops())
                .workerEventLoopGroup(context.eventLoops())
                .channelType(EventLoops.serverChannel(context.eventLoops(), address))
                .maxInboundMessageSize(config.maxInboundMessageBytes());
        Executor workers = new SheddingExecutor(context.workers());
        if (authenticator == null) {
            builder.directExecutor();
        } else {
            // an authenticator may block (a token introspection, a file read), which the event loop must not
            builder.executor(workers);
        }
        for (ServerServiceDefinition service : services) {
            builder.addService(intercepted(service, authenticator, config.includeMetadata(), workers));
        }
        if (address instanceof DomainSocketAddress) {
            // grpc-java sets TCP keepalive on every connection; a domain socket has none, and Netty would warn each time.
            builder.withChildOption(ChannelOption.SO_KEEPALIVE, null);
        }
        SslContext ssl = ServerTls.context(config.tls(), GrpcSslContexts::configure);
        if (ssl != null) {
            builder.sslContext(ssl);
        }
        if (config.maxConcurrentStreams() > 0) {
            builder.maxConcurrentCallsPerConnection(config.maxConcurrentStreams());
        }
        applyKeepalive(builder, config.keepalive());
        Server server = builder.build();
        ListenAddress.ensureFree(address);
        try {
            server.start();
        } catch (IOException e) {
            Throwable reason = e.getCause() != null ? e.getCause() : e;
            throw new IOException("cannot listen on " + config.endpoint() + ": " + reason.getMessage(), e);
        }
        ComponentLog.of(LOG.atInfo(), Kind.RECEIVER, context.id())
                .addKeyValue("endpoint", HostPort.format(server.getListenSockets().get(0))).log(startMessage);
        return new GrpcReceiverServer(server);
    }

    /**
     * The client is known first, then the authenticator adds to it (the last interceptor listed runs
     * first). Without an authenticator the server runs callbacks on the event loop and the method is
     * handed to the workers, outermost, so the client's context is attached on the worker.
     */
    private static ServerServiceDefinition intercepted(ServerServiceDefinition service, ServerAuthenticator authenticator,
            boolean includeMetadata, Executor workers) {
        ClientInfoInterceptor client = new ClientInfoInterceptor(includeMetadata);
        return authenticator == null ? ServerInterceptors.intercept(service, client, new HandOffInterceptor(workers))
                : ServerInterceptors.intercept(service, new AuthInterceptor(authenticator), client);
    }

    private static void applyKeepalive(NettyServerBuilder builder, GrpcConfig.Keepalive keepalive) {
        if (keepalive == null) {
            return;
        }
        GrpcConfig.ServerParameters server = keepalive.serverParameters();
        if (server != null) {
            ifPositive(server.maxConnectionIdle(), d -> builder.maxConnectionIdle(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.maxConnectionAge(), d -> builder.maxConnectionAge(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.maxConnectionAgeGrace(),
                    d -> builder.maxConnectionAgeGrace(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.time(), d -> builder.keepAliveTime(d.toNanos(), TimeUnit.NANOSECONDS));
            ifPositive(server.timeout(), d -> builder.keepAliveTimeout(d.toNanos(), TimeUnit.NANOSECONDS));
        }
        GrpcConfig.EnforcementPolicy policy = keepalive.enforcementPolicy();
        if (policy != null) {
            ifPositive(policy.minTime(), d -> builder.permitKeepAliveTime(d.toNanos(), TimeUnit.NANOSECONDS));
            builder.permitKeepAliveWithoutCalls(policy.permitWithoutStream());
        }
    }

    private static void ifPositive(Duration duration, Consumer<Duration> apply) {
        if (duration != null && !duration.isZero() && !duration.isNegative()) {
            apply.accept(duration);
        }
    }

    /** The bound address: the real port when bound to port 0, or the Unix domain socket. */
    public SocketAddress address() {
        return server.getListenSockets().get(0);
    }

    /** Stops accepting calls and lets running ones finish within a bounded wait. */
    public void shutdown() {
        server.shutdown();
        try {
            if (!server.awaitTermination(SHUTDOWN_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                server.shutdownNow();
            }
        } catch (InterruptedException e) {
            server.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }
}
