package io.tributary.core.component;

public interface ExtensionFactory<C> extends ComponentFactory<C> {
    @Override
    default Kind kind() {
        return Kind.EXTENSION;
    }

    Extension create(ComponentContext context, C config);
}
