package io.tributary.exporter;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.telemetry.Telemetry;
import io.tributary.core.net.EventLoops;
import io.tributary.testkit.TestContext;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The shared resources the service would hand a component, for one test. */
public final class TestRuntime implements AutoCloseable {
    /** A {@code retry_on_failure} section that retries quickly, so tests do not wait out otelcol's 5s initial interval. */
    public static final String FAST_RETRY =
            "retry_on_failure: {initial_interval: 10ms, max_interval: 100ms, randomization_factor: 0, max_elapsed_time: 60s}";

    private final EventLoopGroup eventLoops = EventLoops.newGroup(new DefaultThreadFactory("test-io", true));
    private final ExecutorService workers = Executors.newFixedThreadPool(4);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final Telemetry telemetry = new Telemetry();

    public ComponentContext context(String id) {
        return context(id, Clock.systemUTC());
    }

    public ComponentContext context(String id, Clock clock) {
        return TestContext.of(id).telemetry(telemetry).eventLoops(eventLoops).workers(workers).scheduler(scheduler).clock(clock).build();
    }

    public Telemetry telemetry() {
        return telemetry;
    }

    /** The value of an exporter counter, e.g. {@code otelcol.exporter.send.failed.spans}; 0 before its first use. */
    public double exporterCounter(String name, String exporter) {
        var counter = telemetry.registry().find(name).tag("exporter", exporter).counter();
        return counter == null ? 0 : counter.count();
    }

    @Override
    public void close() throws InterruptedException {
        scheduler.shutdownNow();
        workers.shutdownNow();
        eventLoops.shutdownGracefully(0, 1, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
}
