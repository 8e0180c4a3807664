package io.tributary.receiver.zipkin;

import io.tributary.config.Binder;
import io.tributary.config.ByteSize;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.receiver.http.HttpServerConfig;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code zipkin} receiver's settings: otelcol's zipkinreceiver keys and defaults (its
 * confighttp server keys that apply here), written flat as otelcol's releases take them, or under
 * {@code protocols::http}, the otlp receiver's shape proposed for contrib. When
 * {@code protocols::http} is written it configures the server and flat server keys are ignored
 * (with a warning at start), as that proposal does.
 */
public record ZipkinReceiverConfig(
        String endpoint,
        String transport,
        boolean parseStringTags,
        ByteSize maxRequestBodySize,
        boolean includeMetadata,
        TlsServerConfig tls,
        Duration readTimeout,
        Duration readHeaderTimeout,
        Duration writeTimeout,
        Duration idleTimeout,
        AuthConfig auth,
        Protocols protocols) {
    private static final HttpServerConfig DEFAULT_SERVER = HttpServerConfig.DEFAULT.withDefaultEndpoint("localhost:9411");

    public static final ZipkinReceiverConfig DEFAULT = new ZipkinReceiverConfig(DEFAULT_SERVER.endpoint(), DEFAULT_SERVER.transport(), false,
            DEFAULT_SERVER.maxRequestBodySize(), DEFAULT_SERVER.includeMetadata(), DEFAULT_SERVER.tls(), DEFAULT_SERVER.readTimeout(),
            DEFAULT_SERVER.readHeaderTimeout(), DEFAULT_SERVER.writeTimeout(), DEFAULT_SERVER.idleTimeout(), DEFAULT_SERVER.auth(), null);

    public ZipkinReceiverConfig {
        // The flat keys get the checks of protocols::http, and the body limit its resolution.
        maxRequestBodySize = new HttpServerConfig(endpoint, transport, maxRequestBodySize, includeMetadata, tls, readTimeout, readHeaderTimeout,
                writeTimeout, idleTimeout, auth).maxRequestBodySize();
        if (protocols != null && protocols.http() != null) {
            protocols = new Protocols(protocols.http().withDefaultEndpoint(DEFAULT_SERVER.endpoint()));
        }
    }

    /** {@code protocols:}; Zipkin has only {@code http} (a bare {@code http:} means its defaults). */
    public record Protocols(HttpServerConfig http) {
    }

    /** The server's settings: {@code protocols::http} when written, else the flat keys. */
    public HttpServerConfig server() {
        return usesProtocols() ? protocols.http() : flat();
    }

    boolean usesProtocols() {
        return protocols != null && protocols.http() != null;
    }

    /** The flat server keys set to other than their defaults, which {@code protocols::http} overrides. */
    List<String> ignoredFlatKeys() {
        if (!usesProtocols()) {
            return List.of();
        }
        Map<String, Object> defaults = Binder.keyedValues(DEFAULT_SERVER);
        return Binder.keyedValues(flat()).entrySet().stream()
                .filter(e -> !Objects.equals(e.getValue(), defaults.get(e.getKey())))
                .map(Map.Entry::getKey)
                .toList();
    }

    private HttpServerConfig flat() {
        return new HttpServerConfig(endpoint, transport, maxRequestBodySize, includeMetadata, tls, readTimeout, readHeaderTimeout, writeTimeout,
                idleTimeout, auth);
    }
}
