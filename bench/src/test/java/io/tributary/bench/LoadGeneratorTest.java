package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.tributary.core.data.Signal;
import io.tributary.testkit.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The generator against the null backend: what it counts as acknowledged really arrived. */
class LoadGeneratorTest {
    private static final RequestPool POOL = RequestPool.repeating(LoadGenerator.encodePool(4, 100, 3));

    @ParameterizedTest
    @ValueSource(strings = {"traces", "metrics", "logs"})
    void acknowledgedItemsArrivedAtTheBackend(String id) throws Exception {
        Signal<?> signal = Signal.byId(id).orElseThrow();
        int perRequest = LoadGenerator.defaultItems(signal);
        RequestPool pool = RequestPool.repeating(LoadGenerator.encodePool(signal, 4, perRequest, 3));
        try (NullBackend backend = new NullBackend(0)) {
            LoadGenerator.Window window;
            try (LoadGenerator generator = new LoadGenerator("localhost:" + backend.port(), 1, 4, "none", signal, pool, perRequest, 0)) {
                window = generator.openWindow();
                generator.start();
                Await.until(() -> window.items.sum() >= 10L * perRequest, Duration.ofSeconds(10), () -> "acknowledged " + window.items.sum());
                generator.closeWindow();
            }

            assertThat(window.failuresByStatus()).isEmpty();
            assertThat(window.sentItems.sum()).isGreaterThanOrEqualTo(window.items.sum());
            assertThat(backend.items(signal)).isGreaterThanOrEqualTo(window.items.sum()).isEqualTo(backend.requests(signal) * perRequest);
            for (Signal<?> other : Signal.all()) {
                if (other != signal) {
                    assertThat(backend.requests(other)).as(other.id()).isZero();
                }
            }
        }
    }

    @Test
    void gzipCompressedRequestsAreCountedToo() throws Exception {
        try (NullBackend backend = new NullBackend(0);
                LoadGenerator generator = new LoadGenerator("localhost:" + backend.port(), 2, 4, "gzip", Signal.TRACES, POOL, 100, 0)) {
            generator.start();

            Await.until(() -> backend.items(Signal.TRACES) >= 1_000, Duration.ofSeconds(10), () -> "received " + backend.items(Signal.TRACES));
        }
    }

    @Test
    void failuresAreCountedByStatus() throws Exception {
        NullBackend stopped = new NullBackend(0);
        int port = stopped.port();
        stopped.close();
        try (LoadGenerator generator = new LoadGenerator("localhost:" + port, 1, 2, "none", Signal.TRACES, POOL, 100, 0)) {
            LoadGenerator.Window window = generator.openWindow();
            generator.start();

            Await.until(() -> !window.failuresByStatus().isEmpty(), Duration.ofSeconds(10), () -> "no failure seen");
            assertThat(window.failuresByStatus()).containsOnlyKeys(Status.Code.UNAVAILABLE);
            assertThat(window.items.sum()).isZero();
        }
    }
}
