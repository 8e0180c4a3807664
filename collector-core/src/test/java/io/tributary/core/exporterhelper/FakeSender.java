package io.tributary.core.exporterhelper;

import io.tributary.core.component.Host;
import io.tributary.core.data.Signal;
import io.tributary.core.data.SignalData;
import io.tributary.core.data.Traces;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** A backend stand-in of every signal: fails the next attempts as scripted (or always), then accepts. */
final class FakeSender implements Sender {
    final List<Traces> delivered = new CopyOnWriteArrayList<>();
    /** What was delivered of every signal, traces included. */
    final List<SignalData<?, ?>> deliveredData = new CopyOnWriteArrayList<>();
    final List<String> threads = new CopyOnWriteArrayList<>();
    final AtomicInteger attempts = new AtomicInteger();
    final AtomicInteger starts = new AtomicInteger();
    final AtomicInteger shutdowns = new AtomicInteger();
    private final Queue<SendException> failures = new ConcurrentLinkedQueue<>();
    private volatile SendException always;
    private volatile CountDownLatch gate;

    FakeSender failNext(int times, SendException failure) {
        for (int i = 0; i < times; i++) {
            failures.add(failure);
        }
        return this;
    }

    FakeSender failAlways(SendException failure) {
        always = failure;
        return this;
    }

    /** Each attempt waits until {@code open} is released (a slow backend). */
    FakeSender holdUntil(CountDownLatch open) {
        gate = open;
        return this;
    }

    @Override
    public void start(Host host) {
        starts.incrementAndGet();
    }

    @Override
    public void send(Traces traces, Duration timeout) throws SendException {
        send(Signal.TRACES, traces, timeout);
    }

    @Override
    public <D extends SignalData<D, ?>> void send(Signal<D> signal, D data, Duration timeout) throws SendException {
        attempts.incrementAndGet();
        threads.add(Thread.currentThread().getName());
        CountDownLatch open = gate;
        if (open != null) {
            try {
                open.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw SendException.retryable("interrupted", null, e);
            }
        }
        SendException failure = failures.poll();
        if (failure == null) {
            failure = always;
        }
        if (failure != null) {
            throw failure;
        }
        if (data instanceof Traces traces) {
            delivered.add(traces);
        }
        deliveredData.add(data);
    }

    @Override
    public void shutdown() {
        shutdowns.incrementAndGet();
    }
}
