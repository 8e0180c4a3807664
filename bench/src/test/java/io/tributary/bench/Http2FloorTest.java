package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.core.data.Signal;
import io.tributary.testkit.Await;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The floor answers the load generator's calls as a collector would, so what it measures is a whole request. */
class Http2FloorTest {
    @Test
    void everyCallOfTheLoadGeneratorIsAnsweredOk() throws Exception {
        RequestPool pool = RequestPool.repeating(LoadGenerator.encodePool(4, 100, 3));
        try (Http2Floor floor = new Http2Floor(0);
                LoadGenerator generator = new LoadGenerator("localhost:" + floor.port(), 1, 4, "none", Signal.TRACES, pool, 100, 0)) {
            LoadGenerator.Window window = generator.openWindow();
            generator.start();

            // far more than one HTTP/2 flow-control window (64 KiB): the floor returns the window it consumes
            Await.until(() -> window.items.sum() >= 100_000, Duration.ofSeconds(30), () -> "acknowledged " + window.items.sum());
            generator.closeWindow();
            assertThat(window.failuresByStatus()).isEmpty();
        }
    }
}
