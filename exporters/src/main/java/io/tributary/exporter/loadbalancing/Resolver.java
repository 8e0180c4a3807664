package io.tributary.exporter.loadbalancing;

import java.util.List;
import java.util.function.Consumer;

/** Finds the backends. Each answer is a sorted list of endpoints, reported only when it differs from the last. */
interface Resolver {
    /** Reports the first answer before returning when it can; later answers arrive on the resolver's own thread. */
    void start(Consumer<List<String>> onChange) throws Exception;

    void shutdown();
}
