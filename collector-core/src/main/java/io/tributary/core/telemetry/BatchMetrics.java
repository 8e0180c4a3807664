package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import java.util.function.Supplier;

/** The batch processor's own instruments (otelcol's batch processor has no processorhelper counters). */
public final class BatchMetrics {
    private final Supplier<DistributionSummary> sendSize;
    private final Supplier<Counter> sizeTrigger;
    private final Supplier<Counter> timeoutTrigger;
    private final Supplier<Counter> dropped;

    BatchMetrics(Supplier<DistributionSummary> sendSize, Supplier<Counter> sizeTrigger, Supplier<Counter> timeoutTrigger,
            Supplier<Counter> dropped) {
        this.sendSize = sendSize;
        this.sizeTrigger = sizeTrigger;
        this.timeoutTrigger = timeoutTrigger;
        this.dropped = dropped;
    }

    /** A batch of {@code items} went out because it reached the size trigger. */
    public void sentOnSize(int items) {
        sizeTrigger.get().increment();
        sendSize.get().record(items);
    }

    /** A batch of {@code items} went out because the timeout fired (or on shutdown). */
    public void sentOnTimeout(int items) {
        timeoutTrigger.get().increment();
        sendSize.get().record(items);
    }

    /** Items of a batch the next consumer refused (Tributary's own count). */
    public void dropped(int items) {
        dropped.get().increment(items);
    }
}
