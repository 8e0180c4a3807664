package io.tributary.receiver.jaeger;

import io.tributary.core.net.HostPort;

/**
 * {@code thrift_compact:} / {@code thrift_binary:}, the agent's UDP ports, with otelcol's keys and
 * defaults. {@code endpoint} defaults per protocol (see {@link JaegerProtocols}).
 * {@code socket_buffer_size} 0 keeps the operating system's receive buffer.
 */
public record UdpConfig(String endpoint, int queueSize, int maxPacketSize, int workers, int socketBufferSize) {
    public static final UdpConfig DEFAULT = new UdpConfig(null, 1000, 65_000, 10, 0);

    public UdpConfig {
        if (endpoint != null) {
            HostPort.parse(endpoint);
        }
        if (queueSize <= 0) {
            throw new IllegalArgumentException("queue_size must be positive");
        }
        // No upper bound: otelcol's own example sets 131_072, beyond any one UDP datagram.
        if (maxPacketSize <= 0) {
            throw new IllegalArgumentException("max_packet_size must be positive");
        }
        if (workers <= 0) {
            throw new IllegalArgumentException("workers must be positive");
        }
        if (socketBufferSize < 0) {
            throw new IllegalArgumentException("socket_buffer_size must not be negative");
        }
    }

    UdpConfig withDefaultEndpoint(String defaultEndpoint) {
        return endpoint != null ? this : new UdpConfig(defaultEndpoint, queueSize, maxPacketSize, workers, socketBufferSize);
    }
}
