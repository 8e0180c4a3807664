package io.tributary.receiver.zipkin;

import io.tributary.config.Binder;
import io.tributary.config.ByteSize;
import io.tributary.core.net.HostPort;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.core.net.TlsServerConfig;
import io.tributary.core.net.auth.AuthConfig;
import io.tributary.receiver.http.BodyLimit;
import io.tributary.receiver.http.HttpServerSection;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The {@code zipkin} receiver's settings: otelcol's zipkinreceiver keys and defaults (its
 * confighttp server keys that apply here), written flat as otelcol's releases take them, or under
 * {@code protocols::http}, the otlp receiver's shape proposed for contrib. When
 * {@code protocols::http} is written it configures the server and flat server keys are ignored
 * (with a warning at start), as that proposal does. {@code include_metadata} is accepted so
 * otelcol configs load: a {@code Traces} batch carries no client metadata.
 */
public record ZipkinReceiverConfig(
        String endpoint,
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
    public static final ZipkinReceiverConfig DEFAULT = new ZipkinReceiverConfig(Http.DEFAULT.endpoint(), false,
            Http.DEFAULT.maxRequestBodySize(), Http.DEFAULT.includeMetadata(), Http.DEFAULT.tls(), Http.DEFAULT.readTimeout(),
            Http.DEFAULT.readHeaderTimeout(), Http.DEFAULT.writeTimeout(), Http.DEFAULT.idleTimeout(), Http.DEFAULT.auth(), null);

    public ZipkinReceiverConfig {
        // The flat keys get the checks of protocols::http, and the body limit its resolution.
        maxRequestBodySize = new Http(endpoint, maxRequestBodySize, includeMetadata, tls, readTimeout, readHeaderTimeout,
                writeTimeout, idleTimeout, auth).maxRequestBodySize();
    }

    /** {@code protocols:}; Zipkin has only {@code http} (a bare {@code http:} means its defaults). */
    public record Protocols(Http http) {
    }

    /** The confighttp server keys, under {@code protocols::http} or flat. */
    public record Http(
            String endpoint,
            ByteSize maxRequestBodySize,
            boolean includeMetadata,
            TlsServerConfig tls,
            Duration readTimeout,
            Duration readHeaderTimeout,
            Duration writeTimeout,
            Duration idleTimeout,
            AuthConfig auth) implements HttpServerSection {
        public static final Http DEFAULT = new Http("localhost:9411", BodyLimit.DEFAULT, false, null,
                HttpServerTimeouts.DEFAULT.readTimeout(), HttpServerTimeouts.DEFAULT.readHeaderTimeout(),
                HttpServerTimeouts.DEFAULT.writeTimeout(), HttpServerTimeouts.DEFAULT.idleTimeout(), null);

        public Http {
            HostPort.parse(endpoint);
            maxRequestBodySize = BodyLimit.resolve(maxRequestBodySize);
            new HttpServerTimeouts(readTimeout, readHeaderTimeout, writeTimeout, idleTimeout);
        }
    }

    /** The server's settings: {@code protocols::http} when written, else the flat keys. */
    public Http server() {
        return usesProtocols() ? protocols.http() : flat();
    }

    /** The flat server keys set to other than their defaults, which {@code protocols::http} overrides. */
    List<String> ignoredFlatKeys() {
        if (!usesProtocols()) {
            return List.of();
        }
        Map<String, Object> defaults = Binder.keyedValues(Http.DEFAULT);
        return Binder.keyedValues(flat()).entrySet().stream()
                .filter(e -> !Objects.equals(e.getValue(), defaults.get(e.getKey())))
                .map(Map.Entry::getKey)
                .toList();
    }

    boolean usesProtocols() {
        return protocols != null && protocols.http() != null;
    }

    private Http flat() {
        return new Http(endpoint, maxRequestBodySize, includeMetadata, tls, readTimeout, readHeaderTimeout, writeTimeout, idleTimeout, auth);
    }
}
