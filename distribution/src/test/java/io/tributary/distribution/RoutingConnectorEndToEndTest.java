package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.proto.resource.v1.Resource;
import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.testkit.OtlpBackend;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The {@code routing} connector as users write it: applications of two tenants send spans with the
 * OpenTelemetry SDK, each tenant's exporter setting an {@code X-Tenant} header (one over OTLP/gRPC,
 * one over OTLP/HTTP, the receiver with {@code include_metadata: true}); one tenant's spans go to
 * its own backend by that header, one service's to another backend by its resource, the rest to
 * the default pipeline.
 */
class RoutingConnectorEndToEndTest {
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Test
    void spansGoToTheBackendsOfTheirTenantAndServiceTheRestToTheDefault() throws Exception {
        try (OtlpBackend acme = OtlpBackend.start();
             OtlpBackend checkout = OtlpBackend.start();
             OtlpBackend rest = OtlpBackend.start();
             DaemonHarness daemon = new DaemonHarness("""
                     receivers:
                       otlp:
                         protocols:
                           grpc:
                             endpoint: 127.0.0.1:0
                             include_metadata: true
                           http:
                             endpoint: 127.0.0.1:0
                             include_metadata: true
                     processors:
                       batch:
                     connectors:
                       routing:
                         default_pipelines: [traces/rest]
                         table:
                           - context: request
                             condition: request["X-Tenant"] == "acme"
                             pipelines: [traces/acme]
                           - condition: attributes["service.name"] == "checkout"
                             pipelines: [traces/checkout]
                     exporters:
                       otlp/acme:
                         endpoint: 127.0.0.1:%d
                         tls: {insecure: true}
                       otlp/checkout:
                         endpoint: 127.0.0.1:%d
                         tls: {insecure: true}
                       otlp/rest:
                         endpoint: 127.0.0.1:%d
                         tls: {insecure: true}
                     service:
                       telemetry:
                         metrics:
                           address: 127.0.0.1:0
                       pipelines:
                         traces/in:
                           receivers: [otlp]
                           exporters: [routing]
                         traces/acme:
                           receivers: [routing]
                           exporters: [otlp/acme]
                         traces/checkout:
                           receivers: [routing]
                           processors: [batch]
                           exporters: [otlp/checkout]
                         traces/rest:
                           receivers: [routing]
                           processors: [batch]
                           exporters: [otlp/rest]
                     """.formatted(acme.port(), checkout.port(), rest.port()))) {
            // Tenant acme over gRPC: its checkout service too goes by tenant, the first route.
            DaemonHarness.send(daemon.grpcExporter("otlp").addHeader("X-Tenant", "acme").build(), service("checkout"),
                    tracer -> tracer.spanBuilder("acme checkout").startSpan().end());
            DaemonHarness.send(daemon.grpcExporter("otlp").addHeader("X-Tenant", "acme").build(), service("search"),
                    tracer -> tracer.spanBuilder("acme search").startSpan().end());
            // Tenant globex over HTTP: by service.
            DaemonHarness.send(daemon.httpExporter("otlp").addHeader("x-tenant", "globex").build(), service("checkout"),
                    tracer -> {
                        tracer.spanBuilder("globex checkout 1").startSpan().end();
                        tracer.spanBuilder("globex checkout 2").startSpan().end();
                    });
            DaemonHarness.send(daemon.httpExporter("otlp").addHeader("X-Tenant", "globex").build(), service("search"),
                    tracer -> tracer.spanBuilder("globex search").startSpan().end());
            // No tenant at all.
            DaemonHarness.send(daemon.grpcExporter("otlp").build(), service("checkout"),
                    tracer -> tracer.spanBuilder("anonymous checkout").startSpan().end());

            acme.awaitSpans(2, WAIT);
            checkout.awaitSpans(3, WAIT);
            rest.awaitSpans(1, WAIT);
            assertThat(spans(acme)).containsExactlyInAnyOrder("checkout: acme checkout", "search: acme search");
            assertThat(spans(checkout)).containsExactlyInAnyOrder("checkout: globex checkout 1", "checkout: globex checkout 2",
                    "checkout: anonymous checkout");
            assertThat(spans(rest)).containsExactly("search: globex search");
        }
    }

    private static Attributes service(String name) {
        return Attributes.of(AttributeKey.stringKey("service.name"), name);
    }

    /** Each span received as "service: span name". */
    private static List<String> spans(OtlpBackend backend) {
        List<String> spans = new ArrayList<>();
        for (ResourceSpans resourceSpans : backend.resourceSpans()) {
            String service = serviceName(resourceSpans.getResource());
            for (ScopeSpans scope : resourceSpans.getScopeSpansList()) {
                for (Span span : scope.getSpansList()) {
                    spans.add(service + ": " + span.getName());
                }
            }
        }
        return spans;
    }

    private static String serviceName(Resource resource) {
        return resource.getAttributesList().stream().filter(attribute -> attribute.getKey().equals("service.name"))
                .map(attribute -> attribute.getValue().getStringValue()).findFirst().orElse("");
    }
}
