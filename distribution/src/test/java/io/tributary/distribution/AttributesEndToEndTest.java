package io.tributary.distribution;

import static io.tributary.testkit.TestTraces.attributes;
import static io.tributary.testkit.TestTraces.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.api.trace.Tracer;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The OpenTelemetry SDK → Tributary with the attributes and resource processors (booted from YAML) → an OTLP backend. */
class AttributesEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);
    /** SHA-256 of "alice@example.com", as otelcol's hash action writes it. */
    private static final String ALICE_SHA256 = "ff8d9819fc0e12bf0d24892e45987e249a28dce836a85cad60e28eaaa8c6d976";

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
                  attributes/scrub:
                    exclude:
                      match_type: regexp
                      span_names: ['^health']
                    actions:
                      - key: http.request.header.authorization
                        action: delete
                      - key: user.email
                        action: hash
                      - key: env
                        value: ${env:DEPLOY_ENV}
                        action: insert
                      - key: http.route
                        pattern: ^/users/(?P<user_id>\\d+)$
                        action: extract
                  resource:
                    attributes:
                      - key: deployment.environment
                        value: ${env:DEPLOY_ENV}
                        action: upsert
                exporters:
                  otlp/backend:
                    endpoint: localhost:%d
                    tls:
                      insecure: true
                service:
                  pipelines:
                    traces:
                      receivers: [otlp]
                      processors: [attributes/scrub, resource]
                      exporters: [otlp/backend]
                  telemetry:
                    metrics:
                      address: localhost:0
                """.formatted(backend.port()), Map.of("DEPLOY_ENV", "staging"));
    }

    @AfterEach
    void tearDown() {
        daemon.close();
        backend.close();
    }

    @Test
    void theProcessorsRewriteSpanAndResourceAttributes() {
        export(tracer -> {
            tracer.spanBuilder("GET /users/{id}")
                    .setAttribute("http.request.header.authorization", "Bearer secret")
                    .setAttribute("user.email", "alice@example.com")
                    .setAttribute("http.route", "/users/42")
                    .startSpan().end();
        });

        backend.awaitSpans(1, WAIT);
        ResourceSpans resourceSpans = backend.resourceSpans().get(0);
        assertThat(attributes(resourceSpans.getResource().getAttributesList()))
                .containsEntry("service.name", string("checkout"))
                .containsEntry("deployment.environment", string("staging"));
        assertThat(attributes(backend.spans().get(0).getAttributesList()))
                .doesNotContainKey("http.request.header.authorization")
                .containsEntry("user.email", string(ALICE_SHA256))
                .containsEntry("env", string("staging"))
                .containsEntry("user_id", string("42"));
    }

    @Test
    void excludedSpansKeepTheirAttributes() {
        export(tracer -> tracer.spanBuilder("healthcheck").setAttribute("user.email", "alice@example.com").startSpan().end());

        backend.awaitSpans(1, WAIT);
        assertThat(attributes(backend.spans().get(0).getAttributesList()))
                .containsOnly(Map.entry("user.email", string("alice@example.com")));
        assertThat(attributes(backend.resourceSpans().get(0).getResource().getAttributesList()))
                .containsEntry("deployment.environment", string("staging"));
    }

    private void export(Consumer<Tracer> record) {
        DaemonHarness.send(daemon.grpcExporter("otlp").build(), Attributes.of(
                AttributeKey.stringKey("service.name"), "checkout",
                AttributeKey.stringKey("deployment.environment"), "dev"), record);
    }
}
