package io.tributary.core.telemetry;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;

/** The batch processor's own instruments. */
public final class BatchMetrics {
    private final DistributionSummary sendSize;
    private final Counter sizeTrigger;
    private final Counter timeoutTrigger;

    BatchMetrics(DistributionSummary sendSize, Counter sizeTrigger, Counter timeoutTrigger) {
        this.sendSize = sendSize;
        this.sizeTrigger = sizeTrigger;
        this.timeoutTrigger = timeoutTrigger;
    }

    /** A batch of {@code spans} went out because it reached the size trigger. */
    public void sentOnSize(int spans) {
        sizeTrigger.increment();
        sendSize.record(spans);
    }

    /** A batch of {@code spans} went out because the timeout fired (or on shutdown). */
    public void sentOnTimeout(int spans) {
        timeoutTrigger.increment();
        sendSize.record(spans);
    }
}
