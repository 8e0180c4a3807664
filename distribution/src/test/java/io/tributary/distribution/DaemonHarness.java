package io.tributary.distribution;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporterBuilder;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporterBuilder;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.tributary.config.ConfigLoader;
import io.tributary.config.ConfigNode;
import io.tributary.core.component.ComponentFactory;
import io.tributary.core.component.ComponentId;
import io.tributary.core.component.Kind;
import io.tributary.core.service.Components;
import io.tributary.core.service.Service;
import io.tributary.processor.k8sattributes.K8sAttributesProcessorFactory;
import io.tributary.testkit.PrometheusScrape;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The whole collector booted in-process from YAML, with every component found on the class path,
 * and what end-to-end tests do with it: send it OTLP (raw HTTP bodies, or spans recorded with the
 * OpenTelemetry SDK as an application would), read its self-metrics, shut it down. The HTTP helpers
 * also serve tests that run the packaged daemon as a process.
 */
public final class DaemonHarness implements AutoCloseable {
    /** The instrumentation scope of every span {@link #send} records. */
    public static final String SCOPE = "io.tributary.e2e";
    public static final String SCOPE_VERSION = "1.2.3";

    private static final Duration SDK_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration HTTP_TIMEOUT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Service service;

    public DaemonHarness(String yaml) throws Exception {
        this(yaml, Map.of());
    }

    /** Boots {@code yaml} with {@code ${env:NAME}} references resolved from {@code env}. */
    public DaemonHarness(String yaml, Map<String, String> env) throws Exception {
        this(ConfigLoader.parse(yaml, "test.yaml", env::get), Components.discover());
    }

    /** Boots a loaded config with the given components (a test's stand-in for one of them, say). */
    public DaemonHarness(ConfigNode config, Components components) throws Exception {
        service = Service.build(config, components);
        service.start();
    }

    /**
     * Every component found on the class path, those that read the process environment reading
     * {@code env} instead, as a pod setting it would give it: k8sattributes (its
     * {@code node_from_env_var}, the API server's {@code KUBERNETES_SERVICE_HOST} and {@code _PORT}).
     */
    public static Components components(Map<String, String> env) {
        Components discovered = Components.discover();
        List<ComponentFactory<?>> factories = new ArrayList<>();
        for (Kind kind : Kind.values()) {
            discovered.of(kind).stream().filter(f -> !(f instanceof K8sAttributesProcessorFactory)).forEach(factories::add);
        }
        factories.add(new K8sAttributesProcessorFactory(env::get));
        return Components.of(factories);
    }

    /** Where receiver {@code id} listens for {@code protocol} (e.g. {@code grpc}, {@code http}). */
    public InetSocketAddress receiver(String id, String protocol) {
        return service.receiverAddresses().get(ComponentId.parse(id)).get(protocol);
    }

    /** Where exporter {@code id} (the {@code prometheus} exporter) serves scrapes. */
    public InetSocketAddress exporter(String id) {
        return service.exporterAddresses().get(ComponentId.parse(id)).get("http");
    }

    public InetSocketAddress metrics() {
        return service.metricsAddress().orElseThrow();
    }

    public Service service() {
        return service;
    }

    /** The SDK's OTLP/gRPC exporter, pointed at receiver {@code id}'s {@code grpc} endpoint. */
    public OtlpGrpcSpanExporterBuilder grpcExporter(String id) {
        return OtlpGrpcSpanExporter.builder().setEndpoint(url(receiver(id, "grpc")));
    }

    /** The SDK's OTLP/HTTP exporter, pointed at receiver {@code id}'s {@code http} endpoint. */
    public OtlpHttpSpanExporterBuilder httpExporter(String id) {
        return OtlpHttpSpanExporter.builder().setEndpoint(url(receiver(id, "http")) + "/v1/traces");
    }

    /**
     * Records spans with {@code record} through an SDK tracer provider with {@code resource}, then
     * flushes them all through {@code exporter} (batched, so a flush that fits one batch is one
     * request) and fails the test unless the export succeeded.
     */
    public static void send(SpanExporter exporter, Attributes resource, Consumer<Tracer> record) {
        SdkTracerProvider provider = SdkTracerProvider.builder()
                .setResource(Resource.create(resource))
                .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
                .build();
        try {
            record.accept(provider.tracerBuilder(SCOPE).setInstrumentationVersion(SCOPE_VERSION).build());
            assertThat(provider.forceFlush().join(SDK_TIMEOUT.toSeconds(), TimeUnit.SECONDS).isSuccess())
                    .as("the daemon accepted every export").isTrue();
        } finally {
            provider.shutdown().join(SDK_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    /** POSTs {@code body} to receiver {@code id}'s OTLP/HTTP {@code /v1/traces}; {@code headers} as name, value, ... */
    public HttpResponse<String> post(String id, String contentType, byte[] body, String... headers) throws IOException, InterruptedException {
        return post(receiver(id, "http"), contentType, body, headers);
    }

    /** As {@link #post(String, String, byte[], String...)}, to an OTLP/HTTP receiver at {@code address}. */
    public static HttpResponse<String> post(InetSocketAddress address, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        return post(address, "/v1/traces", contentType, body, headers);
    }

    /** POSTs {@code body} to {@code path} ({@code /v1/metrics}, say) of an OTLP/HTTP receiver at {@code address}. */
    public static HttpResponse<String> post(InetSocketAddress address, String path, String contentType, byte[] body, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(address) + path))
                .timeout(HTTP_TIMEOUT)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The daemon's {@code /metrics} text, fetched over HTTP as Prometheus would. */
    public String scrape() {
        return scrape(metrics());
    }

    /** The {@code /metrics} text served at {@code address}. */
    public static String scrape(InetSocketAddress address) {
        try {
            HttpResponse<String> response = get(address, "/metrics");
            assertThat(response.statusCode()).as("GET /metrics").isEqualTo(200);
            return response.body();
        } catch (IOException e) {
            throw new AssertionError("cannot scrape " + address, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted scraping " + address, e);
        }
    }

    /** A plain-HTTP GET of {@code path} at {@code address} (a health check, say). */
    public static HttpResponse<String> get(InetSocketAddress address, String path, String... headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url(address) + path)).timeout(HTTP_TIMEOUT);
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * The sum of the samples of {@code name} (as {@code /metrics} spells it) whose labels include
     * every label given as key, value, key, value, ...; with no labels, the whole family's total.
     * Zero when no sample matches: a counter not yet incremented may not be listed at all.
     */
    public double metric(String name, String... labels) {
        Map<String, String> wanted = new HashMap<>();
        for (int i = 0; i < labels.length; i += 2) {
            wanted.put(labels[i], labels[i + 1]);
        }
        return PrometheusScrape.parse(scrape()).sum(name, wanted);
    }

    /**
     * The total of counter {@code name} (the meter's name, e.g. {@code otelcol.receiver.accepted.spans})
     * over all its tags, read in process: for daemons whose metrics level is {@code none}.
     */
    public double counter(String name) {
        return service.telemetry().registry().find(name).counters().stream().mapToDouble(Counter::count).sum();
    }

    @Override
    public void close() {
        service.shutdown();
    }

    private static String url(InetSocketAddress address) {
        return "http://" + address.getHostString() + ":" + address.getPort();
    }
}
