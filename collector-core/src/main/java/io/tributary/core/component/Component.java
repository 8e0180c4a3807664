package io.tributary.core.component;

import java.net.InetSocketAddress;
import java.util.Map;

/**
 * Lifecycle every component shares. {@code start} binds sockets and starts threads; it throws
 * when the component cannot run (the daemon then stops, naming the component).
 * {@code shutdown} stops accepting, drains what the component holds (bounded wait) and is safe to
 * call twice.
 */
public interface Component {
    default void start(Host host) throws Exception {
    }

    void shutdown();

    /**
     * The TCP and UDP addresses this component listens on once started, by protocol (e.g. {@code grpc}, {@code http});
     * lets tests bind port 0. A server on a Unix domain socket is not listed: its path is the configured endpoint.
     */
    default Map<String, InetSocketAddress> addresses() {
        return Map.of();
    }
}
