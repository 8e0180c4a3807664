package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.Attributes;
import io.tributary.config.ConfigError;
import io.tributary.config.ConfigLoader;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code validate} reports every problem of a config, not the first of each component. */
class ValidateReportsEveryProblemTest {
    private static List<String> validate(String yaml) {
        return Service.validate(ConfigLoader.parse(yaml, "config.yaml", Map.<String, String>of()::get), Components.discover())
                .stream().map(ConfigError::toString).toList();
    }

    @Test
    void aKeyErrorDoesNotHideTheRecordsOwnChecks() {
        assertThat(validate("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                processors:
                  batch:
                    timeout: fast
                    send_batch_size: -5
                exporters:
                  debug:
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [batch]
                      exporters: [debug]
                """)).containsExactly(
                "config.yaml:7: processors::batch::timeout: invalid duration 'fast': expected a number with a unit, e.g. 5s",
                "config.yaml:8: processors::batch::send_batch_size: must not be negative");
    }

    @Test
    void aKeyErrorDoesNotHideAnUndefinedAuthenticator() {
        assertThat(validate("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                exporters:
                  otlp:
                    endpoint: tempo:4317
                    timeout: fast
                    auth:
                      authenticator: oauth2client
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp]
                """)).containsExactly(
                "config.yaml:8: exporters::otlp::timeout: invalid duration 'fast': expected a number with a unit, e.g. 5s",
                "config.yaml:10: exporters::otlp::auth::authenticator: references extension 'oauth2client' which is not "
                        + "defined under 'extensions'");
    }

    @Test
    void anEmptyHeaderIsValidForTheOtlpAndZipkinExporters() {
        assertThat(validate("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                exporters:
                  otlp:
                    endpoint: tempo:4317
                    headers:
                      x-scope-orgid: "${env:TENANT}"
                      x-empty:
                  zipkin:
                    endpoint: http://zipkin:9411/api/v2/spans
                    headers: {x-scope-orgid: "${env:TENANT}", x-empty: }
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      exporters: [otlp, zipkin]
                """)).isEmpty();
    }

    @Test
    void anUnsetVariableInAHeaderSendsTheHeaderEmpty() throws Exception {
        try (OtlpBackend backend = OtlpBackend.start();
                DaemonHarness daemon = new DaemonHarness("""
                        receivers:
                          otlp:
                            protocols:
                              grpc:
                                endpoint: localhost:0
                        exporters:
                          otlp:
                            endpoint: localhost:%d
                            tls: {insecure: true}
                            sending_queue: {enabled: false}
                            headers: {x-scope-orgid: "${env:TENANT}"}
                        service:
                          pipelines:
                            traces:
                              receivers: [otlp]
                              exporters: [otlp]
                          telemetry:
                            metrics:
                              level: none
                        """.formatted(backend.port()))) {
            DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.empty(), tracer -> tracer.spanBuilder("GET /").startSpan().end());

            backend.awaitSpans(1, Duration.ofSeconds(10));
            assertThat(backend.requests().get(0).header("x-scope-orgid")).isEmpty();
        }
    }
}
