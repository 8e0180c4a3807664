package io.tributary.processor.memorylimiter;

import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Processor;
import io.tributary.core.component.ProcessorFactory;
import io.tributary.core.component.SignalProcessor;
import io.tributary.core.consumer.SignalConsumer;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/**
 * The {@code memory_limiter} processor: refuses data while the heap is above a limit, so receivers
 * push back on clients instead of the collector running out of memory. Best listed first in a
 * pipeline. The pipelines that list one processor ID share one limiter (its config object is one),
 * so there is one check thread and one forced collection per ID, as in otelcol.
 */
public final class MemoryLimiterProcessorFactory implements ProcessorFactory<MemoryLimiterConfig> {
    private final Heap heap;
    /** Guarded by itself; keyed by identity, as otelcol keys its limiters by config pointer. */
    private final Map<MemoryLimiterConfig, MemoryLimiter> limiters = new IdentityHashMap<>();

    public MemoryLimiterProcessorFactory() {
        this(new JvmHeap());
    }

    /** A factory whose limiters read {@code heap}; for tests that set the heap usage themselves. */
    MemoryLimiterProcessorFactory(Heap heap) {
        this.heap = heap;
    }

    @Override
    public String type() {
        return "memory_limiter";
    }

    @Override
    public Class<MemoryLimiterConfig> configType() {
        return MemoryLimiterConfig.class;
    }

    @Override
    public MemoryLimiterConfig defaultConfig() {
        return MemoryLimiterConfig.DEFAULT;
    }

    @Override
    public Set<Signal<?>> signals() {
        return Set.copyOf(Signal.all());
    }

    @Override
    public Processor create(ComponentContext context, MemoryLimiterConfig config, TracesConsumer next) {
        return Processor.of(create(context, config, Signal.TRACES, next));
    }

    /** Every pipeline listing the ID, whatever its signal, shares the one limiter. */
    @Override
    public <D extends SignalData<D, ?>> SignalProcessor<D> create(ComponentContext context, MemoryLimiterConfig config, Signal<D> signal,
            SignalConsumer<D> next) {
        MemoryLimiter limiter;
        synchronized (limiters) {
            limiter = limiters.computeIfAbsent(config, c -> new MemoryLimiter(
                    context.id(), c, heap, checkThread(context.id()), System::nanoTime));
        }
        return new MemoryLimiterProcessor<>(context, signal, limiter, () -> release(config, limiter), next);
    }

    private void release(MemoryLimiterConfig config, MemoryLimiter limiter) {
        synchronized (limiters) {
            if (limiter.stop()) {
                limiters.remove(config, limiter);
            }
        }
    }

    /** Its own thread, not the shared scheduler: a forced collection may take a while and must not hold up batch timers. */
    private static ScheduledExecutorService checkThread(ComponentId id) {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "memory-limiter-" + id);
            thread.setDaemon(true);
            return thread;
        });
    }
}
