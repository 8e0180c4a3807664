package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * The {@code forward} connector as users write it: one intake pipeline hands every span to two
 * pipelines with processor chains of their own, one of which filters; each backend gets what its
 * chain lets through.
 */
class ForwardConnectorEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void oneStreamRunsThroughTwoProcessorChains() throws Exception {
        try (OtlpBackend everything = OtlpBackend.start();
             OtlpBackend errorsOnly = OtlpBackend.start();
             DaemonHarness daemon = new DaemonHarness("""
                     receivers:
                       otlp:
                         protocols:
                           grpc:
                             endpoint: 127.0.0.1:0
                     processors:
                       batch:
                       filter/errors:
                         error_mode: ignore
                         traces:
                           span:
                             - status.code != STATUS_CODE_ERROR
                     connectors:
                       forward:
                     exporters:
                       otlp/everything:
                         endpoint: 127.0.0.1:%d
                         tls: {insecure: true}
                       otlp/errors:
                         endpoint: 127.0.0.1:%d
                         tls: {insecure: true}
                     service:
                       telemetry:
                         metrics:
                           address: 127.0.0.1:0
                       pipelines:
                         traces/in:
                           receivers: [otlp]
                           exporters: [forward]
                         traces/everything:
                           receivers: [forward]
                           processors: [batch]
                           exporters: [otlp/everything]
                         traces/errors:
                           receivers: [forward]
                           processors: [filter/errors]
                           exporters: [otlp/errors]
                     """.formatted(everything.port(), errorsOnly.port()))) {
            DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.of(AttributeKey.stringKey("service.name"), "shop"),
                    tracer -> {
                        tracer.spanBuilder("GET /cart").startSpan().end();
                        tracer.spanBuilder("POST /pay").startSpan()
                                .setStatus(io.opentelemetry.api.trace.StatusCode.ERROR).end();
                    });

            everything.awaitSpans(2, WAIT);
            errorsOnly.awaitSpans(1, WAIT);
            assertThat(everything.spans()).extracting(Span::getName).containsExactlyInAnyOrder("GET /cart", "POST /pay");
            assertThat(errorsOnly.spans()).extracting(Span::getName).containsExactly("POST /pay");
            assertThat(daemon.metric("otelcol_processor_filter_spans_filtered", "filter", "filter/errors")).isEqualTo(1);
        }
    }
}
