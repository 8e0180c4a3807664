package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.receiver.LogCapture;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The receivers' shared server builders say where they listen, with the port the system chose for port 0. */
class OtlpReceiverStartupLogTest {
    private final LogCapture log = new LogCapture();
    private ReceiverFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        log.close();
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void logsEachBoundEndpointWithTheComponentFields() throws Exception {
        fixture = new ReceiverFixture().start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                  http:
                    endpoint: 127.0.0.1:0
                """);

        int grpcPort = fixture.addresses().get("grpc").getPort();
        int httpPort = fixture.addresses().get("http").getPort();
        assertThat(grpcPort).isNotZero();
        assertThat(httpPort).isNotZero();
        assertThat(log.infoFields("Starting GRPC server")).containsExactly(
                Map.entry("otelcol.component.id", "otlp"),
                Map.entry("otelcol.component.kind", "receiver"),
                Map.entry("otelcol.signal", "traces"),
                Map.entry("endpoint", "127.0.0.1:" + grpcPort));
        assertThat(log.infoFields("Starting HTTP server")).containsEntry("endpoint", "127.0.0.1:" + httpPort)
                .containsEntry("otelcol.component.id", "otlp");
    }
}
