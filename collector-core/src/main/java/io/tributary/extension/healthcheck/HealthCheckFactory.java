package io.tributary.extension.healthcheck;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;
import java.util.List;

/** {@code health_check}: answers an HTTP probe with 200 while the pipelines run, 503 otherwise. */
public final class HealthCheckFactory implements ExtensionFactory<HealthCheckConfig> {
    @Override
    public String type() {
        return "health_check";
    }

    @Override
    public List<String> aliases() {
        return List.of("healthcheck");
    }

    @Override
    public Class<HealthCheckConfig> configType() {
        return HealthCheckConfig.class;
    }

    @Override
    public HealthCheckConfig defaultConfig() {
        return HealthCheckConfig.DEFAULT;
    }

    @Override
    public Extension create(ComponentContext context, HealthCheckConfig config) {
        return new HealthCheckExtension(context, config);
    }
}
