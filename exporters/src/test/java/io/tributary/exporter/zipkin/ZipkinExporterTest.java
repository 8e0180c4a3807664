package io.tributary.exporter.zipkin;

import static io.tributary.exporter.TestRuntime.FAST_RETRY;
import static io.tributary.testkit.TestTraces.attribute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.opentelemetry.proto.trace.v1.ResourceSpans;
import io.opentelemetry.proto.trace.v1.ScopeSpans;
import io.tributary.config.Binder;
import io.tributary.config.ConfigException;
import io.tributary.config.ConfigLoader;
import io.tributary.core.component.Exporter;
import io.tributary.core.component.ExporterFactory;
import io.tributary.core.data.Traces;
import io.tributary.core.exporterhelper.SendException;
import io.tributary.exporter.SampleTraces;
import io.tributary.testkit.TestHost;
import io.tributary.exporter.TestRuntime;
import io.tributary.testkit.Await;
import io.tributary.testkit.TestHttpServer;
import io.tributary.translator.zipkin.ZipkinTranslator;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import zipkin2.DependencyLink;
import zipkin2.Span;
import zipkin2.codec.SpanBytesDecoder;
import zipkin2.storage.InMemoryStorage;

class ZipkinExporterTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A Zipkin collector's span endpoint, which answers 202. */
    private static final String PATH = "/api/v2/spans";

    private final TestRuntime runtime = new TestRuntime();
    private final TestHttpServer collector = TestHttpServer.answering(PATH, 202);
    private ZipkinSender sender;
    private Exporter exporter;

    @AfterEach
    void tearDown() throws Exception {
        if (sender != null) {
            sender.shutdown();
        }
        if (exporter != null) {
            exporter.shutdown();
        }
        collector.close();
        runtime.close();
    }

    private static ZipkinExporterConfig config(String yaml) {
        return Binder.bind(ConfigLoader.parse(yaml, "test", name -> null), "exporters::zipkin",
                ZipkinExporterConfig.class, ZipkinExporterConfig.DEFAULT);
    }

    private String endpoint(String... more) {
        return "endpoint: " + collector.url() + PATH + "\n" + String.join("\n", more);
    }

    private void startSender(String yaml) throws Exception {
        sender = new ZipkinSender(config(yaml));
        sender.start(id -> java.util.Optional.empty());
    }

    private SendException sendExpectingFailure() throws Exception {
        startSender(endpoint());
        SendException e = catchThrowableOfType(SendException.class,
                () -> sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT));
        assertThat(e).isNotNull();
        return e;
    }

    @Test
    void basicauthCredentialsReachTheCollector() throws Exception {
        try (TestHost host = new TestHost().with("basicauth/client", "client_auth: {username: alice, password: secret}")) {
            sender = new ZipkinSender(config(endpoint("auth: {authenticator: basicauth/client}", "headers: {Authorization: replaced}")));
            sender.start(host);

            sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

            assertThat(collector.requests().get(0).header("Authorization")).isEqualTo("Basic YWxpY2U6c2VjcmV0");
        }
    }

    @Test
    void authNamingAnExtensionThatIsNotRunningFailsStartNamingTheKey() {
        sender = new ZipkinSender(config(endpoint("auth: {authenticator: bearertokenauth/missing}")));

        assertThatThrownBy(() -> sender.start(id -> java.util.Optional.empty()))
                .hasMessageContaining("auth::authenticator").hasMessageContaining("bearertokenauth/missing");
    }

    @Test
    void postsZipkinV2JsonByDefault() throws Exception {
        Traces traces = Traces.of(SampleTraces.request("checkout", 7, 3));
        startSender(endpoint());

        sender.send(traces, TIMEOUT);

        TestHttpServer.Request request = collector.requests().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/json");
        List<Span> spans = SpanBytesDecoder.JSON_V2.decodeList(request.body());
        assertThat(spans).isEqualTo(ZipkinTranslator.toSpans(traces));
        assertThat(spans).hasSize(3).allSatisfy(s -> {
            assertThat(s.localServiceName()).isEqualTo("checkout");
            assertThat(s.kind()).isEqualTo(Span.Kind.SERVER);
            assertThat(s.durationAsLong()).isEqualTo(250_000);
        });
    }

    @Test
    void postsProto3WhenFormatIsProto() throws Exception {
        Traces traces = Traces.of(SampleTraces.request("checkout", 7, 2));
        startSender(endpoint("format: proto"));

        sender.send(traces, TIMEOUT);

        TestHttpServer.Request request = collector.requests().get(0);
        assertThat(request.header("Content-Type")).isEqualTo("application/x-protobuf");
        assertThat(SpanBytesDecoder.PROTO3.decodeList(request.body())).isEqualTo(ZipkinTranslator.toSpans(traces));
    }

    /**
     * What SDKs send today (server.address, network.peer.address, no peer.service) reaches
     * Zipkin's own storage as a remote service and a dependency link, as Zipkin's UI would show them.
     */
    @Test
    void zipkinListsTheRemoteServiceAndDependencyOfAClientSpanFromCurrentConventions() throws Exception {
        long startNanos = System.currentTimeMillis() * 1_000_000L;
        io.opentelemetry.proto.trace.v1.Span client = io.opentelemetry.proto.trace.v1.Span.newBuilder()
                .setTraceId(SampleTraces.traceId(1)).setSpanId(SampleTraces.spanId(1)).setName("GET")
                .setKind(io.opentelemetry.proto.trace.v1.Span.SpanKind.SPAN_KIND_CLIENT)
                .setStartTimeUnixNano(startNanos).setEndTimeUnixNano(startNanos + 5_000_000)
                .addAttributes(attribute("server.address", "inventory.internal"))
                .addAttributes(attribute("network.peer.address", "10.20.30.40"))
                .build();
        startSender(endpoint());

        sender.send(Traces.of(List.of(ResourceSpans.newBuilder()
                .setResource(io.opentelemetry.proto.resource.v1.Resource.newBuilder().addAttributes(attribute("service.name", "checkout")))
                .addScopeSpans(ScopeSpans.newBuilder().addSpans(client)).build())), TIMEOUT);

        InMemoryStorage zipkin = InMemoryStorage.newBuilder().build();
        zipkin.spanConsumer().accept(SpanBytesDecoder.JSON_V2.decodeList(collector.requests().get(0).body())).execute();
        assertThat(zipkin.serviceAndSpanNames().getRemoteServiceNames("checkout").execute()).containsExactly("inventory.internal");
        assertThat(zipkin.spanStore().getDependencies(System.currentTimeMillis() + 60_000, 3_600_000).execute())
                .containsExactly(DependencyLink.newBuilder().parent("checkout").child("inventory.internal").callCount(1).build());
    }

    @Test
    void spansWithoutServiceNameAreReportedUnderTheDefault() throws Exception {
        ResourceSpans resource = SampleTraces.request("x", 1, 1).getResourceSpans(0).toBuilder().clearResource().build();
        startSender(endpoint("default_service_name: orphan"));

        sender.send(Traces.of(List.of(resource)), TIMEOUT);

        assertThat(SpanBytesDecoder.JSON_V2.decodeList(collector.requests().get(0).body()))
                .singleElement().extracting(Span::localServiceName).isEqualTo("orphan");
    }

    @Test
    void theDefaultServiceNameIsOtelcols() throws Exception {
        ResourceSpans resource = SampleTraces.request("x", 1, 1).getResourceSpans(0).toBuilder().clearResource().build();
        startSender(endpoint());

        sender.send(Traces.of(List.of(resource)), TIMEOUT);

        assertThat(SpanBytesDecoder.JSON_V2.decodeList(collector.requests().get(0).body()))
                .singleElement().extracting(Span::localServiceName).isEqualTo("<missing service name>");
    }

    @Test
    void nothingIsPostedForABatchWithoutSpans() throws Exception {
        startSender(endpoint());

        sender.send(Traces.of(List.of(ResourceSpans.newBuilder().addScopeSpans(ScopeSpans.getDefaultInstance()).build())), TIMEOUT);

        assertThat(collector.requests()).isEmpty();
    }

    @Test
    void configuredHeadersReachTheCollector() throws Exception {
        startSender(endpoint("headers: {X-Tenant: t1}"));

        sender.send(Traces.of(SampleTraces.request("a", 1, 1)), TIMEOUT);

        assertThat(collector.requests().get(0).header("X-Tenant")).isEqualTo("t1");
    }

    @ParameterizedTest
    @ValueSource(ints = {429, 502, 503, 504})
    void throttlingAndGatewayStatusesAreRetryable(int status) throws Exception {
        collector.failNext(1, status, null);

        assertThat(sendExpectingFailure().retryable()).isTrue();
    }

    @Test
    void retryAfterBecomesTheRetryDelay() throws Exception {
        collector.failNext(1, 503, "4");

        assertThat(sendExpectingFailure().retryAfter()).contains(Duration.ofSeconds(4));
    }

    @ParameterizedTest
    @ValueSource(ints = {400, 401, 404, 415})
    void otherClientErrorsArePermanent(int status) throws Exception {
        collector.failNext(1, status, null);

        assertThat(sendExpectingFailure().retryable()).isFalse();
    }

    @Test
    void theExporterRetriesThroughItsQueueUntilTheCollectorAccepts() throws Exception {
        collector.failNext(2, 503, null);
        exporter = new ZipkinExporterFactory().create(runtime.context("zipkin"), config(endpoint(FAST_RETRY)));
        exporter.start(id -> java.util.Optional.empty());

        exporter.consume(Traces.of(SampleTraces.request("a", 1, 2)));

        Await.until(() -> collector.requests().size() == 1, Duration.ofSeconds(20), () -> "attempts: " + collector.attempts());
        assertThat(collector.attempts()).isEqualTo(3);
        assertThat(SpanBytesDecoder.JSON_V2.decodeList(collector.requests().get(0).body())).hasSize(2);
    }

    @Test
    void endpointIsRequired() {
        assertThatThrownBy(() -> config("format: json")).isInstanceOf(ConfigException.class).hasMessageContaining("endpoint");
    }

    @Test
    void endpointMustBeAnHttpUrl() {
        assertThatThrownBy(() -> config("endpoint: zipkin:9411")).isInstanceOf(ConfigException.class).hasMessageContaining("http");
    }

    @Test
    void anUnknownFormatIsRejected() {
        assertThatThrownBy(() -> config(endpoint("format: thrift"))).isInstanceOf(ConfigException.class).hasMessageContaining("format");
    }

    @Test
    void defaultsMatchOtelcol() {
        ZipkinExporterConfig config = config(endpoint());
        assertThat(config.format()).isEqualTo(ZipkinExporterConfig.Format.JSON);
        assertThat(config.defaultServiceName()).isEqualTo("<missing service name>");
        assertThat(config.client().timeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(config.sendingQueue().enabled()).isTrue();
        assertThat(config.retryOnFailure().enabled()).isTrue();
    }

    @Test
    void theFactoryIsDiscoveredAsZipkin() {
        assertThat(ServiceLoader.load(ExporterFactory.class).stream().map(ServiceLoader.Provider::get))
                .anySatisfy(f -> assertThat(f).isInstanceOf(ZipkinExporterFactory.class)
                        .extracting(ExporterFactory::type).isEqualTo("zipkin"));
    }
}
