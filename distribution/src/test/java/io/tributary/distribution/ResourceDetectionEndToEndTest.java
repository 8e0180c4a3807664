package io.tributary.distribution;

import static io.tributary.testkit.TestTraces.attributes;
import static io.tributary.testkit.TestTraces.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.tributary.testkit.OtlpBackend;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry SDK → Tributary with the resourcedetection processor (booted from YAML, the
 * system detector reading this host) → an OTLP backend: the host's attributes arrive on every
 * span's resource, those the client set kept when {@code override} is off.
 */
class ResourceDetectionEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private OtlpBackend backend;
    private DaemonHarness daemon;

    @BeforeEach
    void setUp() throws Exception {
        backend = OtlpBackend.start();
        daemon = new DaemonHarness("""
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: localhost:0
                processors:
                  resourcedetection/system:
                    detectors: [system]
                    override: false
                    system:
                      hostname_sources: [os]
                      resource_attributes:
                        host.arch: {enabled: true}
                exporters:
                  otlp/backend:
                    endpoint: localhost:%d
                    tls:
                      insecure: true
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [resourcedetection/system]
                      exporters: [otlp/backend]
                  telemetry:
                    metrics:
                      address: localhost:0
                """.formatted(backend.port()));
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        backend.close();
    }

    @Test
    void theHostsAttributesArriveOnEverySpansResource() throws Exception {
        DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.of(
                AttributeKey.stringKey("service.name"), "checkout",
                AttributeKey.stringKey("os.type"), "set-by-client"), tracer -> tracer.spanBuilder("op").startSpan().end());

        backend.awaitSpans(1, WAIT);
        assertThat(attributes(backend.resourceSpans().get(0).getResource().getAttributesList()))
                .containsEntry("service.name", string("checkout"))
                .containsEntry("host.name", string(Files.readString(Path.of("/proc/sys/kernel/hostname")).strip()))
                .containsEntry("os.type", string("set-by-client"))
                .containsKey("host.arch");
    }
}
