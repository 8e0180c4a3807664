package io.tributary.extension.basicauth;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;

/** {@code basicauth}: HTTP Basic credentials, checked against htpasswd on receivers or sent by exporters. */
public final class BasicAuthFactory implements ExtensionFactory<BasicAuthConfig> {
    @Override
    public String type() {
        return "basicauth";
    }

    @Override
    public Class<BasicAuthConfig> configType() {
        return BasicAuthConfig.class;
    }

    @Override
    public BasicAuthConfig defaultConfig() {
        return BasicAuthConfig.DEFAULT;
    }

    @Override
    public Extension create(ComponentContext context, BasicAuthConfig config) {
        config.validate();
        return config.htpasswd() != null
                ? new BasicAuthServer(config.htpasswd())
                : new BasicAuthClient(config.clientAuth(), context.scheduler());
    }
}
