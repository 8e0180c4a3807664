package io.tributary.core.component;

import io.tributary.core.consumer.TracesConsumer;

/** Sends traces to a backend. Most exporters are built with {@code ExporterHelper}. */
public interface Exporter extends Component, TracesConsumer {
}
