package io.tributary.processor.batch;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.consumer.TracesConsumer;

/** The {@code batch} processor: merges small batches into bigger ones, by size or after a timeout. */
public final class BatchProcessorFactory implements ProcessorFactory<BatchConfig> {
    @Override
    public String type() {
        return "batch";
    }

    @Override
    public Class<BatchConfig> configType() {
        return BatchConfig.class;
    }

    @Override
    public BatchConfig defaultConfig() {
        return BatchConfig.DEFAULT;
    }

    @Override
    public Processor create(ComponentContext context, BatchConfig config, TracesConsumer next) {
        return new BatchProcessor(context, config, next, System::nanoTime);
    }
}
