package io.tributary.testkit;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.core.data.Traces;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** A {@link Recording} of traces, with helpers for the spans received. */
public final class RecordingConsumer extends Recording<Traces> implements TracesConsumer {
    public int spanCount() {
        return itemCount();
    }

    /** Every span received, decoded, in arrival order. */
    public List<Span> spans() {
        List<Span> spans = new ArrayList<>();
        for (Traces t : batches()) {
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
        batches().forEach(t -> all.addAll(t.resourceSpans()));
        return all;
    }

    /** Polls until at least {@code spans} spans have arrived; fails the test after {@code timeout}. */
    public void awaitSpans(int spans, Duration timeout) {
        Await.until(() -> spanCount() >= spans, timeout,
                () -> "expected " + spans + " spans, got " + spanCount());
    }
}
