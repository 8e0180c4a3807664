package io.tributary.compat;

import com.google.gson.JsonObject;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.function.IntFunction;
import java.util.function.IntSupplier;

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
        return delivered(traffic, spans, backend::spanCount, () -> backend.requests().size(), from -> CanonicalJson.traces(
                backend.requests().stream().skip(from).map(OtlpBackend.Received::request).toList()));
    }

    /** As {@link #of}, for metrics: waiting for {@code points} more data points. */
    static JsonObject metrics(OtlpBackend backend, int points, Traffic traffic) throws Exception {
        return delivered(traffic, points, backend::dataPointCount, () -> backend.metricsRequests().size(),
                from -> CanonicalJson.metrics(backend.metricsRequests().stream().skip(from).toList()));
    }

    /** As {@link #of}, for logs: waiting for {@code records} more log records. */
    static JsonObject logs(OtlpBackend backend, int records, Traffic traffic) throws Exception {
        return delivered(traffic, records, backend::logRecordCount, () -> backend.logsRequests().size(),
                from -> CanonicalJson.logs(backend.logsRequests().stream().skip(from).toList()));
    }

    /**
     * @param items what the backend holds of the signal so far
     * @param requests how many requests of the signal the backend holds
     * @param since the canonical form of the requests from the given index on
     */
    private static JsonObject delivered(Traffic traffic, int expected, IntSupplier items, IntSupplier requests,
            IntFunction<JsonObject> since) throws Exception {
        int requestsBefore = requests.getAsInt();
        int itemsBefore = items.getAsInt();
        traffic.send();
        if (expected == 0) {
            Thread.sleep(QUIET_PERIOD.toMillis());
        }
        try {
            Await.until(() -> items.getAsInt() >= itemsBefore + expected, TIMEOUT, () -> "expected " + expected + " more items");
        } catch (AssertionError missing) {
            // Compared by the caller: whatever did arrive shows up as the difference.
        }
        return since.apply(requestsBefore);
    }
}
