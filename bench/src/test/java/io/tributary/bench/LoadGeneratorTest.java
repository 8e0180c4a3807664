package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import io.tributary.testkit.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The generator against the null backend: what it counts as acknowledged really arrived. */
class LoadGeneratorTest {
    private static final RequestPool POOL = RequestPool.repeating(LoadGenerator.encodePool(4, 100, 3));

    @Test
    void acknowledgedSpansArrivedAtTheBackend() throws Exception {
        try (NullBackend backend = new NullBackend(0)) {
            LoadGenerator.Window window;
            try (LoadGenerator generator = new LoadGenerator("localhost:" + backend.port(), 1, 4, "none", POOL, 100, 0)) {
                window = generator.openWindow();
                generator.start();
                Await.until(() -> window.spans.sum() >= 1_000, Duration.ofSeconds(10), () -> "acknowledged " + window.spans.sum());
                generator.closeWindow();
            }

            assertThat(window.failuresByStatus()).isEmpty();
            assertThat(window.sentSpans.sum()).isGreaterThanOrEqualTo(window.spans.sum());
            assertThat(backend.spans()).isGreaterThanOrEqualTo(window.spans.sum()).isEqualTo(backend.requests() * 100);
        }
    }

    @Test
    void gzipCompressedRequestsAreCountedToo() throws Exception {
        try (NullBackend backend = new NullBackend(0);
                LoadGenerator generator = new LoadGenerator("localhost:" + backend.port(), 2, 4, "gzip", POOL, 100, 0)) {
            generator.start();

            Await.until(() -> backend.spans() >= 1_000, Duration.ofSeconds(10), () -> "received " + backend.spans());
        }
    }

    @Test
    void failuresAreCountedByStatus() throws Exception {
        NullBackend stopped = new NullBackend(0);
        int port = stopped.port();
        stopped.close();
        try (LoadGenerator generator = new LoadGenerator("localhost:" + port, 1, 2, "none", POOL, 100, 0)) {
            LoadGenerator.Window window = generator.openWindow();
            generator.start();

            Await.until(() -> !window.failuresByStatus().isEmpty(), Duration.ofSeconds(10), () -> "no failure seen");
            assertThat(window.failuresByStatus()).containsOnlyKeys(Status.Code.UNAVAILABLE);
            assertThat(window.spans.sum()).isZero();
        }
    }
}
