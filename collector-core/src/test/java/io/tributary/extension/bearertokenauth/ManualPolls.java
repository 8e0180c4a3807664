package io.tributary.extension.bearertokenauth;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** A scheduler whose periodic tasks run only when the test says so, so file polling is tested without waiting. */
final class ManualPolls extends ScheduledThreadPoolExecutor {
    private final List<Runnable> periodic = new ArrayList<>();

    ManualPolls() {
        super(1);
    }

    @Override
    public synchronized ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        periodic.add(command);
        return super.schedule(() -> { }, 1, TimeUnit.DAYS);
    }

    synchronized void runPolls() {
        periodic.forEach(Runnable::run);
    }
}
