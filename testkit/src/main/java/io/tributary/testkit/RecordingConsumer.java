package io.tributary.testkit;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A consumer for tests: records every batch it accepts, and can be told to refuse with a given exception. */
public final class RecordingConsumer implements TracesConsumer {
    private final List<Traces> batches = new CopyOnWriteArrayList<>();
    private volatile Supplier<RuntimeException> failure;

    @Override
    public void consume(Traces traces) {
        Supplier<RuntimeException> f = failure;
        if (f != null) {
            throw f.get();
        }
        batches.add(traces);
    }

    /** From now on refuse every batch with the supplied exception; null accepts again. */
    public void failWith(Supplier<RuntimeException> failure) {
        this.failure = failure;
    }

    public List<Traces> batches() {
        return List.copyOf(batches);
    }

    public int spanCount() {
        return batches.stream().mapToInt(Traces::spanCount).sum();
    }

    /** Every span received, decoded, in arrival order. */
    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (Traces t : batches) {
            for (ResourceSpans rs : t.resourceSpans()) {
                for (ScopeSpans ss : rs.getScopeSpansList()) {
                    spans.addAll(ss.getSpansList());
                }
            }
        }
        return spans;
    }

    public List<ResourceSpans> resourceSpans() {
        List<ResourceSpans> all = new ArrayList<>();
        batches.forEach(t -> all.addAll(t.resourceSpans()));
        return all;
    }

    /** Polls until at least {@code spans} spans have arrived; fails the test after {@code timeout}. */
    public void awaitSpans(int spans, Duration timeout) {
        Await.until(() -> spanCount() >= spans, timeout,
                () -> "expected " + spans + " spans, got " + spanCount());
    }
}
