package io.tributary.distribution;

import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentId;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import java.net.InetSocketAddress;
import java.util.Map;

/** Boots the whole collector in-process from a YAML string, with every component found on the class path. */
final class DaemonHarness implements AutoCloseable {
    private final Service service;

    DaemonHarness(String yaml, Map<String, String> env) throws Exception {
        service = Service.build(ConfigLoader.parse(yaml, "test.yaml", env::get), Components.discover());
        service.start();
    }

    DaemonHarness(String yaml) throws Exception {
        this(yaml, Map.of());
    }

    InetSocketAddress receiver(String id, String protocol) {
        return service.receiverAddresses().get(ComponentId.parse(id)).get(protocol);
    }

    InetSocketAddress metrics() {
        return service.metricsAddress().orElseThrow();
    }

    Service service() {
        return service;
    }

    @Override
    public void close() {
        service.shutdown();
    }
}
