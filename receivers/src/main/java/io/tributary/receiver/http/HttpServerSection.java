package io.tributary.receiver.http;

import io.tributary.config.ByteSize;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.core.net.ListenAddress;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import java.net.SocketAddress;
import java.time.Duration;

/**
 * The confighttp server keys every HTTP receiver section has (otlp's {@code http}, jaeger's
 * {@code thrift_http}, zipkin): a config record implements this with record components of these
 * names, so {@link HttpReceiverServer} starts each the same way.
 */
public interface HttpServerSection {
    String endpoint();

    /** confignet's {@code transport}: {@code tcp} (also {@code tcp4}, {@code tcp6}) or {@code unix}. */
    String transport();

    /** @throws IllegalArgumentException when the transport and endpoint make no address */
    default SocketAddress listenAddress() {
        return ListenAddress.of(transport(), endpoint());
    }

    TlsServerConfig tls();

    /** Resolved by {@link BodyLimit#resolve}. */
    ByteSize maxRequestBodySize();

    Duration readTimeout();

    Duration readHeaderTimeout();

    Duration writeTimeout();

    Duration idleTimeout();

    /** Null for no authentication. */
    AuthConfig auth();

    /** Whether processors see a request's headers as client metadata. */
    boolean includeMetadata();

    /** @throws IllegalArgumentException naming a negative timeout */
    default HttpServerTimeouts timeouts() {
        return new HttpServerTimeouts(readTimeout(), readHeaderTimeout(), writeTimeout(), idleTimeout());
    }

    default int maxBodyBytes() {
        return (int) maxRequestBodySize().bytes();
    }
}
