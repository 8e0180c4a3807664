package io.tributary.distribution;

import static io.tributary.testkit.TestTraces.attributes;
import static io.tributary.testkit.TestTraces.string;
import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.collector.trace.v1.ExportTraceServiceRequest;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tributary.testkit.OtlpBackend;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The OpenTelemetry SDK sends with an {@code x-tenant} header → Tributary's otlp receiver →
 * the attributes and resource processors' {@code from_context} → an OTLP backend: the request's
 * client (headers with {@code include_metadata}, peer address, basicauth's username) reaches
 * every span of the request; the batch processor's {@code metadata_keys} keeps clients apart.
 */
class ClientMetadataEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    private OtlpBackend backend;
    private DaemonHarness daemon;

    @BeforeEach
    void setUp() throws Exception {
        backend = OtlpBackend.start();
        daemon = new DaemonHarness("""
                extensions:
                  basicauth/server:
                    htpasswd:
                      inline: "alice:secret"
                receivers:
                  otlp:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:0
                        include_metadata: true
                      http:
                        endpoint: 127.0.0.1:0
                        include_metadata: true
                        auth:
                          authenticator: basicauth/server
                  otlp/plain:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:0
                  otlp/tenants:
                    protocols:
                      grpc:
                        endpoint: 127.0.0.1:0
                        include_metadata: true
                processors:
                  attributes/client:
                    actions:
                      - key: tenant
                        from_context: metadata.x-tenant
                        action: insert
                      - key: client.ip
                        from_context: client.address
                        action: insert
                      - key: user
                        from_context: auth.username
                        action: insert
                  resource:
                    attributes:
                      - key: tenant
                        from_context: x-tenant
                        action: upsert
                  batch:
                  batch/tenants:
                    send_batch_size: 2
                    timeout: 1m
                    metadata_keys: [x-tenant]
                exporters:
                  otlp/backend:
                    endpoint: localhost:%d
                    tls:
                      insecure: true
                service:
                  extensions: [basicauth/server]
                  pipelines:
                    traces:
                      receivers: [otlp, otlp/plain]
                      processors: [attributes/client, resource, batch]
                      exporters: [otlp/backend]
                    traces/tenants:
                      receivers: [otlp/tenants]
                      processors: [attributes/client, batch/tenants]
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
    void grpcHeadersAndThePeerAddressReachEverySpanWithIncludeMetadata() {
        export(daemon.grpcExporter("otlp").addHeader("x-tenant", "acme").build(), 2);

        backend.awaitSpans(2, WAIT);
        assertThat(backend.spans()).allSatisfy(span -> assertThat(attributes(span.getAttributesList()))
                .containsEntry("tenant", string("acme"))
                .containsEntry("client.ip", string("127.0.0.1"))
                .doesNotContainKey("user"));
        assertThat(attributes(backend.resourceSpans().get(0).getResource().getAttributesList()))
                .containsEntry("tenant", string("acme"));
    }

    @Test
    void withoutIncludeMetadataOnlyThePeerAddressIsKnown() {
        export(daemon.grpcExporter("otlp/plain").addHeader("x-tenant", "acme").build(), 1);

        backend.awaitSpans(1, WAIT);
        assertThat(attributes(backend.spans().get(0).getAttributesList()))
                .containsEntry("client.ip", string("127.0.0.1"))
                .doesNotContainKeys("tenant", "user");
        assertThat(attributes(backend.resourceSpans().get(0).getResource().getAttributesList()))
                .doesNotContainKey("tenant");
    }

    @Test
    void httpHeadersAndTheBasicauthUsernameReachTheSpans() {
        String credentials = Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8));
        export(daemon.httpExporter("otlp")
                .addHeader("Authorization", "Basic " + credentials)
                .addHeader("X-Tenant", "acme")
                .build(), 1);

        backend.awaitSpans(1, WAIT);
        assertThat(attributes(backend.spans().get(0).getAttributesList()))
                .containsEntry("tenant", string("acme"))
                .containsEntry("client.ip", string("127.0.0.1"))
                .containsEntry("user", string("alice"));
    }

    @Test
    void batchWithMetadataKeysExportsEachTenantApart() {
        for (String tenant : new String[] {"acme", "globex", "acme", "globex"}) {
            export(daemon.grpcExporter("otlp/tenants").addHeader("x-tenant", tenant).build(), 1);
        }

        backend.awaitSpans(4, WAIT);
        assertThat(backend.requests()).extracting(received -> tenants(received.request()))
                .containsExactlyInAnyOrder(List.of("acme", "acme"), List.of("globex", "globex"));
    }

    private static List<String> tenants(ExportTraceServiceRequest request) {
        return request.getResourceSpansList().stream()
                .flatMap(rs -> rs.getScopeSpansList().stream())
                .flatMap(scope -> scope.getSpansList().stream())
                .map(span -> attributes(span.getAttributesList()).get("tenant").getStringValue())
                .toList();
    }

    /** Sends {@code spans} spans in one request, so they share one client. */
    private static void export(SpanExporter exporter, int spans) {
        DaemonHarness.send(exporter, Attributes.of(AttributeKey.stringKey("service.name"), "checkout"), tracer -> {
            for (int i = 0; i < spans; i++) {
                tracer.spanBuilder("span-" + i).startSpan().end();
            }
        });
    }
}
