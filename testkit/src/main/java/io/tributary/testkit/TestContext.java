package io.tributary.testkit;

import io.netty.channel.EventLoopGroup;
import io.tributary.core.component.ComponentContext;
import io.tributary.core.component.ComponentId;
import io.tributary.core.telemetry.Telemetry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

/**
 * Builds the {@link ComponentContext} the service would hand a component, with only what a test
 * needs: its own telemetry unless given one, the system clock unless given one, and no event
 * loops, workers or scheduler unless given them (a component that needs one fails loudly).
 */
public final class TestContext {
    private final ComponentId id;
    private Telemetry telemetry = new Telemetry();
    private EventLoopGroup eventLoops;
    private ExecutorService workers;
    private ScheduledExecutorService scheduler;
    private Clock clock = Clock.systemUTC();

    private TestContext(ComponentId id) {
        this.id = id;
    }

    /** A context for the component {@code id}, e.g. {@code batch} or {@code filter/health}. */
    public static TestContext of(String id) {
        return new TestContext(ComponentId.parse(id));
    }

    public static TestContext of(ComponentId id) {
        return new TestContext(id);
    }

    public TestContext telemetry(Telemetry telemetry) {
        this.telemetry = telemetry;
        return this;
    }

    public TestContext eventLoops(EventLoopGroup eventLoops) {
        this.eventLoops = eventLoops;
        return this;
    }

    public TestContext workers(ExecutorService workers) {
        this.workers = workers;
        return this;
    }

    public TestContext scheduler(ScheduledExecutorService scheduler) {
        this.scheduler = scheduler;
        return this;
    }

    public TestContext clock(Clock clock) {
        this.clock = clock;
        return this;
    }

    public ComponentContext build() {
        return new ComponentContext(id, telemetry, eventLoops, workers, scheduler, clock);
    }
}
