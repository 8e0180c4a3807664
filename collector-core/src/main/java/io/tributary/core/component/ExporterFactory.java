package io.tributary.core.component;

public interface ExporterFactory<C> extends ComponentFactory<C> {
    @Override
    default Kind kind() {
        return Kind.EXPORTER;
    }

    Exporter create(ComponentContext context, C config);
}
