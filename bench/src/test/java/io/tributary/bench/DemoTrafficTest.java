package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.Await;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class DemoTrafficTest {
    @Test
    void sendsWholeTracesThatTheBackendAccepts() {
        try (OtlpBackend backend = OtlpBackend.start();
                DemoTraffic traffic = new DemoTraffic(backend.endpoint(), 20, new DemoTraces(7, () -> TimeUnit.SECONDS.toNanos(1)))) {
            traffic.start();

            Await.until(() -> backend.spans().stream().filter(s -> s.getParentSpanId().isEmpty()).count() >= 20,
                    Duration.ofSeconds(30), () -> "root spans received: " + backend.spans().size() + " spans");
            traffic.close();

            assertThat(traffic.failedRequests.sum()).as("failed requests; the last: %s", traffic.lastFailure).isZero();
            assertThat(backend.spans().stream().map(Span::getTraceId).distinct().count()).isGreaterThanOrEqualTo(20);
        }
    }

    @Test
    void countsRequestsTheCollectorRefuses() {
        OtlpBackend stopped = OtlpBackend.start();
        String endpoint = stopped.endpoint();
        stopped.close();
        try (DemoTraffic traffic = new DemoTraffic(endpoint, 100, new DemoTraces(7, System::nanoTime))) {
            traffic.start();

            Await.until(() -> traffic.failedRequests.sum() > 0, Duration.ofSeconds(30), () -> "no failure counted");
            assertThat(traffic.acceptedRequests.sum()).isZero();
        }
    }
}
