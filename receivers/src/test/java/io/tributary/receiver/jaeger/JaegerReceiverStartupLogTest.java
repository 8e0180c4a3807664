package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.tributary.receiver.LogCapture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Each Jaeger protocol logs otelcol's line with the address it really bound. */
class JaegerReceiverStartupLogTest {
    private final LogCapture log = new LogCapture();
    private final JaegerFixture fixture = new JaegerFixture();

    @AfterEach
    void tearDown() {
        log.close();
        fixture.close();
    }

    @Test
    void everyProtocolLogsItsBoundEndpoint() throws Exception {
        fixture.startAll();

        assertEndpoint("Starting gRPC server for Jaeger Protobuf", JaegerReceiver.GRPC);
        assertEndpoint("Starting HTTP server for Jaeger Thrift", JaegerReceiver.THRIFT_HTTP);
        assertEndpoint("Starting UDP server for Compact Thrift", JaegerReceiver.THRIFT_COMPACT);
        assertEndpoint("Starting UDP server for Binary Thrift", JaegerReceiver.THRIFT_BINARY);
    }

    private void assertEndpoint(String message, String protocol) {
        int port = fixture.address(protocol).getPort();
        assertThat(port).isNotZero();
        assertThat(log.infoFields(message)).containsEntry("endpoint", "127.0.0.1:" + port)
                .containsEntry("otelcol.component.id", "jaeger").containsEntry("otelcol.component.kind", "receiver");
    }
}
