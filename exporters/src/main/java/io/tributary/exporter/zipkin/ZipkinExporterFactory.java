package io.tributary.exporter.zipkin;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.exporterhelper.ExporterHelper;

/** The {@code zipkin} exporter: Zipkin v2 spans, JSON or protobuf, POSTed to a Zipkin collector. */
public final class ZipkinExporterFactory implements ExporterFactory<ZipkinExporterConfig> {
    @Override
    public String type() {
        return "zipkin";
    }

    @Override
    public Class<ZipkinExporterConfig> configType() {
        return ZipkinExporterConfig.class;
    }

    @Override
    public ZipkinExporterConfig defaultConfig() {
        return ZipkinExporterConfig.DEFAULT;
    }

    @Override
    public Exporter create(ComponentContext context, ZipkinExporterConfig config) {
        config.validate();
        return new ExporterHelper(context, config.client().timeout(), config.sendingQueue(), config.retryOnFailure(), new ZipkinSender(config));
    }
}
