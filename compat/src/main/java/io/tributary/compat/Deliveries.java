package io.tributary.compat;

import com.google.gson.JsonObject;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.List;

/** What a collector delivers to its gRPC recording backend because of some traffic, as canonical OTLP. */
final class Deliveries {
    static final Duration TIMEOUT = Duration.ofSeconds(10);
    /**
     * How long traffic that should deliver nothing is watched: the one fixed wait of the lab, as
     * nothing arriving cannot be awaited. Loopback deliveries take milliseconds.
     */
    static final Duration QUIET_PERIOD = Duration.ofSeconds(1);

    /** Traffic to one collector: requests, datagrams, a client's flush. */
    interface Traffic {
        void send() throws Exception;
    }

    private Deliveries() {
    }

    /**
     * What reaches {@code backend} after {@code traffic}: waiting until {@code spans} more spans
     * arrived (or the timeout), or for the quiet period when none should, so that what one
     * collector delivers but the other does not (a resource without spans, a request it should
     * have refused) is seen with the traffic that caused it.
     */
    static JsonObject of(OtlpBackend backend, int spans, Traffic traffic) throws Exception {
        int requestsBefore = backend.requests().size();
        int spansBefore = backend.spanCount();
        traffic.send();
        if (spans == 0) {
            Thread.sleep(QUIET_PERIOD.toMillis());
        }
        try {
            backend.awaitSpans(spansBefore + spans, TIMEOUT);
        } catch (AssertionError missing) {
            // Compared by the caller: whatever did arrive shows up as the difference.
        }
        List<ExportTraceServiceRequest> requests = backend.requests().stream().skip(requestsBefore)
                .map(OtlpBackend.Received::request).toList();
        return CanonicalJson.traces(requests);
    }
}
