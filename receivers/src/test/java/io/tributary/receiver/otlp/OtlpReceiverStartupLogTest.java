package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The receivers' shared server builders say where they listen, with the port the system chose for port 0. */
class OtlpReceiverStartupLogTest {
    private final ListAppender<ILoggingEvent> events = new ListAppender<>();
    private final Logger receivers = (Logger) LoggerFactory.getLogger("io.tributary.receiver");
    private ReceiverFixture fixture;

    @AfterEach
    void tearDown() throws Exception {
        receivers.detachAppender(events);
        if (fixture != null) {
            fixture.close();
        }
    }

    @Test
    void logsEachBoundEndpointWithTheComponentFields() throws Exception {
        events.start();
        receivers.addAppender(events);

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
        assertThat(fields("Starting GRPC server")).containsExactly(
                Map.entry("otelcol.component.id", "otlp"),
                Map.entry("otelcol.component.kind", "receiver"),
                Map.entry("otelcol.signal", "traces"),
                Map.entry("endpoint", "127.0.0.1:" + grpcPort));
        assertThat(fields("Starting HTTP server")).containsEntry("endpoint", "127.0.0.1:" + httpPort)
                .containsEntry("otelcol.component.id", "otlp");
    }

    /** The fields of the one INFO event with {@code message}, in order. */
    private Map<String, Object> fields(String message) {
        var matching = events.list.stream().filter(e -> e.getFormattedMessage().equals(message)).toList();
        assertThat(matching).as("events logged as '%s'", message).hasSize(1);
        assertThat(matching.get(0).getLevel()).hasToString("INFO");
        return matching.get(0).getKeyValuePairs().stream()
                .collect(Collectors.toMap(p -> p.key, p -> p.value, (a, b) -> b, java.util.LinkedHashMap::new));
    }
}
