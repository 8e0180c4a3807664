package io.tributary.core.exporterhelper;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;

/** A clock that moves only when the helper sleeps, recording each wait. */
final class FakeTime extends Clock implements ExporterHelper.Sleeper {
    final List<Duration> sleeps = new CopyOnWriteArrayList<>();
    private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public boolean sleep(Duration duration, CountDownLatch cancelled) {
        sleeps.add(duration);
        now = now.plus(duration);
        return cancelled.getCount() == 0;
    }

    @Override
    public Instant instant() {
        return now;
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
