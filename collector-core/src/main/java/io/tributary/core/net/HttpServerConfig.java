package io.tributary.core.net;

import io.tributary.config.ByteSize;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Host;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.core.net.auth.Authenticators;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * otelcol's confighttp server keys, which every HTTP server section has: jaeger's
 * {@code thrift_http} and zipkin's {@code protocols::http} are only these, while otlp's
 * {@code http}, zipkin's flat form and the prometheus exporter embed them
 * ({@link io.tributary.config.Squash}) beside their own keys. {@link #start} starts each the same
 * way. A component fills in its own default port with {@link #withDefaultEndpoint} or its {@code DEFAULT}.
 *
 * @param transport          confignet's {@code transport}: {@code tcp} (also {@code tcp4},
 *                           {@code tcp6}) or {@code unix}, which listens on the socket file
 *                           named by {@code endpoint}
 * @param maxRequestBodySize resolved by {@link BodyLimit#resolve}
 * @param includeMetadata    whether processors see a request's headers as client metadata
 * @param auth               null for no authentication
 */
public record HttpServerConfig(
        String endpoint,
        String transport,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        TlsServerConfig tls,
        Duration readTimeout,
        Duration readHeaderTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        AuthConfig auth) {
    public static final HttpServerConfig DEFAULT = new HttpServerConfig(null, "tcp", BodyLimit.DEFAULT, false, null,
            HttpServerTimeouts.DEFAULT.readTimeout(), HttpServerTimeouts.DEFAULT.readHeaderTimeout(),
            HttpServerTimeouts.DEFAULT.writeTimeout(), HttpServerTimeouts.DEFAULT.idleTimeout(), null);

    public HttpServerConfig {
        ListenAddress.checkTransport(transport);
        if (endpoint != null) {
            ListenAddress.of(transport, endpoint);
        }
        maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
        new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
    }

    /** This config, listening on {@code defaultEndpoint} when the YAML names no endpoint. */
    public HttpServerConfig withDefaultEndpoint(String defaultEndpoint) {
        return endpoint != null ? this : new HttpServerConfig(defaultEndpoint, transport, maxRequestBodySize, includeMetadata, tls,
                readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, auth);
    }

    /** @throws IllegalArgumentException when the transport and endpoint make no address */
    public SocketAddress listenAddress() {
        return ListenAddress.of(transport, endpoint);
    }

    /** @throws IllegalArgumentException naming a negative timeout */
    public HttpServerTimeouts timeouts() {
        return new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
    }

    public int maxBodyBytes() {
        return (int) maxRequestBodySize.bytes();
    }

    /**
     * Starts a server with these settings on the shared event loops and worker pool.
     *
     * @param path the section's key path, e.g. {@code receivers::otlp::protocols::http}, for errors in its {@code auth}
     * @throws IllegalArgumentException when {@code auth} names no usable authenticator
     */
    public HttpServer start(String path, ComponentContext context, Host host, HttpServer.Handler handler) throws Exception {
        HttpServer.Settings settings = new HttpServer.Settings(tls, maxBodyBytes(), timeouts(),
                Authenticators.server(host, auth, path + "::auth"), includeMetadata);
        return HttpServer.start(context.eventLoops(), listenAddress(), settings, context.workers(), handler);
    }
}
