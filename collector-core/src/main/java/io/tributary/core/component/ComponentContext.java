package io.tributary.core.component;

import io.netty.channel.EventLoopGroup;
import io.tributary.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the service gives a component at creation: its ID, its telemetry group (from which it
 * gets its standard {@code otelcol_*} instruments, and whose meters go when the group closes), the one shared Netty event-loop group, a
 * bounded worker pool for work that may block, a scheduler for timers, and the clock.
 */
public record ComponentContext(
        ComponentId id,
        Telemetry telemetry,
        EventLoopGroup eventLoops,
        ExecutorService workers,
        ScheduledExecutorService scheduler,
        Clock clock) {
}
