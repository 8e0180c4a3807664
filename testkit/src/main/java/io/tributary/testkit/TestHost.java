package io.tributary.testkit;

import io.tributary.config.Binder;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;
import io.tributary.core.component.Host;
import io.tributary.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@link Host} a component gets at start, with real extensions (an authenticator, say) built
 * from YAML by their factories and started, as the service would.
 */
public final class TestHost implements Host, AutoCloseable {
    private final Map<ComponentId, Extension> extensions = new LinkedHashMap<>();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread thread = new Thread(r, "test-host-scheduler");
        thread.setDaemon(true);
        return thread;
    });

    /** Adds and starts the extension {@code id} (e.g. {@code bearertokenauth/server}) configured by {@code yaml}. */
    public TestHost with(String id, String yaml) throws Exception {
        ComponentId componentId = ComponentId.parse(id);
        ExtensionFactory<?> factory = ServiceLoader.load(ExtensionFactory.class).stream()
                .map(provider -> (ExtensionFactory<?>) provider.get())
                .filter(f -> f.type().equals(componentId.type()))
                .findFirst().orElseThrow(() -> new IllegalArgumentException("no extension factory for " + id));
        Extension extension = create(factory, componentId, yaml);
        extension.start(this);
        extensions.put(componentId, extension);
        return this;
    }

    private <C> Extension create(ExtensionFactory<C> factory, ComponentId id, String yaml) {
        C config = Binder.bind(ConfigLoader.parse(yaml, "test.yaml", name -> null), "extensions::" + id,
                factory.configType(), factory.defaultConfig());
        return factory.create(new ComponentContext(id, Telemetry.noop(), null, null, scheduler, Clock.systemUTC()), config);
    }

    @Override
    public Optional<Extension> extension(ComponentId id) {
        return Optional.ofNullable(extensions.get(id));
    }

    @Override
    public void close() {
        extensions.values().forEach(Extension::shutdown);
        scheduler.shutdownNow();
    }
}
