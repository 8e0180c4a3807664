package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.tributary.testkit.OtlpBackend;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The seed tutorials' health-check filter in a daemon booted from YAML: an SDK sends health-check
 * and business spans, only the business spans reach the backend, and the filtered ones are counted.
 */
class FilterEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @TempDir
    Path dir;

    @Test
    void healthCheckSpansAreDroppedAndTheOthersArrive() throws Exception {
        try (OtlpBackend backend = OtlpBackend.start();
             DaemonHarness daemon = new DaemonHarness("""
                     receivers:
                       otlp:
                         protocols:
                           grpc:
                             endpoint: localhost:0
                     processors:
                       filter:
                         spans:
                           exclude:
                             match_type: regexp
                             attributes:
                               - key: http.url
                                 value: .*/health.*
                     exporters:
                       otlp:
                         endpoint: localhost:%d
                         tls:
                           insecure: true
                     service:
                       pipelines:
                         traces:
                           receivers: [otlp]
                           processors: [filter]
                           exporters: [otlp]
                       telemetry:
                         metrics:
                           address: localhost:0
                     """.formatted(backend.port()))) {
            DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.of(AttributeKey.stringKey("service.name"), "shop"),
                    tracer -> {
                        server(tracer, "GET /health", "http://shop:8080/health");
                        server(tracer, "GET /cart", "http://shop:8080/cart");
                        server(tracer, "GET /api/healthz", "http://shop:8080/api/healthz?probe=kubelet");
                        tracer.spanBuilder("SELECT orders").setSpanKind(SpanKind.CLIENT).startSpan().end();
                    });

            backend.awaitSpans(2, WAIT);
            assertThat(backend.spans()).extracting(io.opentelemetry.proto.trace.v1.Span::getName)
                    .containsExactlyInAnyOrder("GET /cart", "SELECT orders");
            // Everything the receiver took is accounted for: two filtered, two sent, so no health span can still arrive.
            assertThat(daemon.metric("otelcol_processor_filter_spans_filtered", "filter", "filter")).isEqualTo(2);
            assertThat(daemon.metric("otelcol_receiver_accepted_spans", "receiver", "otlp")).isEqualTo(4);
            assertThat(daemon.metric("otelcol_processor_outgoing_items", "processor", "filter")).isEqualTo(2);
        }
    }

    @Test
    void validateNamesAnUnsupportedOttlConstructWithItsKeyPathAndLine() throws Exception {
        Path config = dir.resolve("filter.yaml");
        Files.writeString(config, """
                receivers:
                  otlp:
                    protocols:
                      grpc:
                processors:
                  filter:
                    traces:
                      span:
                        - 'not ParseJSON(attributes["body"]) == nil'
                exporters:
                  debug:
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [filter]
                      exporters: [debug]
                """);
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = Main.run(new String[] {"validate", "--config", config.toString()}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo(
                config + ":9: processors::filter::traces::span[0]: unsupported function 'ParseJSON' at column 5" + System.lineSeparator());
    }

    private static void server(Tracer tracer, String name, String url) {
        Span span = tracer.spanBuilder(name).setSpanKind(SpanKind.SERVER).setAttribute("http.url", url).startSpan();
        span.end();
    }
}
