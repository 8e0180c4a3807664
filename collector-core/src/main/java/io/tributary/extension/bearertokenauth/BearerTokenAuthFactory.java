package io.tributary.extension.bearertokenauth;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Extension;
import io.tributary.core.component.ExtensionFactory;

/** {@code bearertokenauth}: a static bearer token, checked on receivers and sent by exporters. */
public final class BearerTokenAuthFactory implements ExtensionFactory<BearerTokenAuthConfig> {
    @Override
    public String type() {
        return "bearertokenauth";
    }

    @Override
    public Class<BearerTokenAuthConfig> configType() {
        return BearerTokenAuthConfig.class;
    }

    @Override
    public BearerTokenAuthConfig defaultConfig() {
        return BearerTokenAuthConfig.DEFAULT;
    }

    @Override
    public Extension create(ComponentContext context, BearerTokenAuthConfig config) {
        return new BearerTokenAuthExtension(config, context.scheduler());
    }
}
