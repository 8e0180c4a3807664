package io.tributary.core.service;

import io.tributary.config.ConfigNode;
import io.tributary.config.ConfigError;
import java.util.List;

/**
 * The running collector: builds components and pipelines from the root config node, validates
 * the graph, starts exporters → processors → receivers (extensions first), and shuts down in
 * reverse, draining batches and queues.
 */
public final class Service {
    private Service() {
    }

    /**
     * Builds (but does not start) the service.
     *
     * @throws io.tributary.config.ConfigException listing every problem, with file, line and key path
     */
    public static Service build(ConfigNode root, Components components) {
        throw new UnsupportedOperationException("TODO");
    }

    /** Every problem in {@code root}, or an empty list; used by {@code tributary validate}. */
    public static List<ConfigError> validate(ConfigNode root, Components components) {
        throw new UnsupportedOperationException("TODO");
    }

    /**
     * Starts everything; on failure shuts down what started and throws an exception whose message
     * names the component and, for sockets, the address.
     */
    public void start() throws Exception {
        throw new UnsupportedOperationException("TODO");
    }

    /** Stops receivers first, then processors (flushing), exporters (draining), extensions. Idempotent. */
    public void shutdown() {
    }
}
