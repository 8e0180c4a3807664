package io.tributary.core.exporterhelper;

import io.tributary.core.component.ComponentContext;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * An {@link ExporterHelper} whose retry waits are recorded and return at once, for exporter tests
 * outside this package (this class shares the package to reach the helper's sleeper seam), so a
 * test of a server's retry delay does not wait it out.
 */
public final class RetryWaitRecorder {
    private final List<Duration> waits = new CopyOnWriteArrayList<>();

    /** A helper like the one an exporter's factory builds, on this recorder. */
    public ExporterHelper helper(ComponentContext context, Duration timeout, QueueConfig queue, RetryConfig retry, Sender sender) {
        return new ExporterHelper(context, timeout, queue, retry, sender, context.clock(),
                (duration, cancelled) -> {
                    waits.add(duration);
                    return cancelled.getCount() == 0;
                },
                System::nanoTime, ExporterHelper.DRAIN_TIMEOUT, QueueLog.SEGMENT_BYTES);
    }

    /** Every wait between attempts, in order. */
    public List<Duration> waits() {
        return List.copyOf(waits);
    }
}
