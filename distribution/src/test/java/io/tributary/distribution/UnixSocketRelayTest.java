package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.tributary.core.component.ComponentId;
import io.tributary.testkit.OtlpBackend;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One daemon relays through a Unix domain socket: the SDK sends over TCP to an {@code otlp}
 * receiver, whose pipeline exports to {@code unix:///…/relay.sock}, where a second {@code otlp}
 * receiver listens ({@code transport: unix}) and feeds the pipeline to the backend.
 */
class UnixSocketRelayTest {
    @TempDir
    Path dir;

    @Test
    void spansCrossAUnixSocketBetweenTwoPipelines() throws Exception {
        Path socket = dir.resolve("relay.sock");
        try (OtlpBackend backend = OtlpBackend.start();
                DaemonHarness daemon = new DaemonHarness("""
                        receivers:
                          otlp:
                            protocols:
                              grpc:
                                endpoint: localhost:0
                          otlp/relay:
                            protocols:
                              grpc:
                                transport: unix
                                endpoint: %1$s
                        exporters:
                          otlp/relay:
                            endpoint: unix://%1$s
                            tls:
                              insecure: true
                          otlp/backend:
                            endpoint: localhost:%2$d
                            tls:
                              insecure: true
                        service:
                          pipelines:
                            traces/in:
                              receivers: [otlp]
                              exporters: [otlp/relay]
                            traces/out:
                              receivers: [otlp/relay]
                              exporters: [otlp/backend]
                          telemetry:
                            metrics:
                              level: none
                        """.formatted(socket, backend.port()))) {
            assertThat(socket).exists();
            DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.of(AttributeKey.stringKey("service.name"), "checkout"),
                    tracer -> tracer.spanBuilder("GET /cart").startSpan().end());

            backend.awaitSpans(1, Duration.ofSeconds(20));
            assertThat(backend.spans()).extracting(span -> span.getName()).containsExactly("GET /cart");
            assertThat(daemon.service().receiverAddresses().get(ComponentId.parse("otlp/relay")))
                    .as("a socket file has no port to report").isEmpty();
        }
        assertThat(socket).as("removed at shutdown").doesNotExist();
    }
}
