package io.tributary.processor.batch;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.util.Set;

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
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    @Override
    public Processor create(ComponentContext context, BatchConfig config, TracesConsumer next) {
        return Processor.of(create(context, config, Signal.TRACES, next));
    }

    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, BatchConfig config, Signal<D> signal,
            SignalConsumer<D> next) {
        return new BatchProcessor<>(context, config, signal, next, System::nanoTime);
    }
}
