package io.tributary.receiver.zipkin;

import io.tributary.config.Binder;
import io.tributary.config.Squash;
import io.tributary.core.net.HttpServerConfig;
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
        @Squash HttpServerConfig flat,
        boolean parseStringTags,
        Protocols protocols) {
    private static final HttpServerConfig DEFAULT_SERVER = HttpServerConfig.DEFAULT.withDefaultEndpoint("localhost:9411");

    public static final ZipkinReceiverConfig DEFAULT = new ZipkinReceiverConfig(DEFAULT_SERVER, false, null);

    public ZipkinReceiverConfig {
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
}
