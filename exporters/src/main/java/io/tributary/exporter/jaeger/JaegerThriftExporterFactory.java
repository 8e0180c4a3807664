package io.tributary.exporter.jaeger;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.exporterhelper.ExporterHelper;
import java.util.List;

/** The {@code jaeger_thrift} exporter (alias {@code jaegerthrifthttp}): Jaeger Thrift over HTTP with otelcol's queue and retry. */
public final class JaegerThriftExporterFactory implements ExporterFactory<JaegerThriftExporterConfig> {
    @Override
    public String type() {
        return "jaeger_thrift";
    }

    @Override
    public List<String> aliases() {
        return List.of("jaegerthrifthttp");
    }

    @Override
    public Class<JaegerThriftExporterConfig> configType() {
        return JaegerThriftExporterConfig.class;
    }

    @Override
    public JaegerThriftExporterConfig defaultConfig() {
        return JaegerThriftExporterConfig.DEFAULT;
    }

    @Override
    public Exporter create(ComponentContext context, JaegerThriftExporterConfig config) {
        return new ExporterHelper(context, config.client().timeout(), config.sendingQueue(), config.retryOnFailure(),
                new JaegerThriftSender(config));
    }
}
