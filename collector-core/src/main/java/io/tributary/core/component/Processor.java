package io.tributary.core.component;

import io.tributary.core.consumer.TracesConsumer;

/** Transforms, filters or buffers traces, then passes them to the next consumer it was created with. */
public interface Processor extends Component, TracesConsumer {
}
