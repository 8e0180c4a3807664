package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import io.tributary.core.net.HttpServerTimeouts;
import io.tributary.testkit.TestHost;
import io.tributary.translator.jaeger.apiv2.CollectorServiceGrpc;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The jaeger receiver's auth on gRPC and thrift_http, and its HTTP body limits. */
class JaegerReceiverSecurityTest {
    /** alice:secret */
    private static final String ALICE = "Basic YWxpY2U6c2VjcmV0";

    private final JaegerFixture fixture = new JaegerFixture();
    private final HttpClient client = HttpClient.newHttpClient();
    private TestHost host;
    private ManagedChannel channel;

    @AfterEach
    void tearDown() throws Exception {
        if (channel != null) {
            channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        }
        fixture.close();
        if (host != null) {
            host.close();
        }
    }

    private void startWithBasicAuth() throws Exception {
        host = new TestHost().with("basicauth", "htpasswd: {inline: 'alice:secret'}");
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    auth: {authenticator: basicauth}
                  thrift_http:
                    endpoint: 127.0.0.1:0
                    auth: {authenticator: basicauth}
                """, fixture.consumer, host);
        channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.address(JaegerReceiver.GRPC).getPort()).usePlaintext().build();
    }

    @Test
    void grpcPostSpansNeedsCredentials() throws Exception {
        startWithBasicAuth();
        CollectorServiceGrpc.CollectorServiceBlockingStub stub = CollectorServiceGrpc.newBlockingStub(channel)
                .withDeadlineAfter(10, TimeUnit.SECONDS);
        Metadata credentials = new Metadata();
        credentials.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), ALICE);

        assertThatThrownBy(() -> stub.postSpans(JaegerGrpcReceiverTest.request()))
                .isInstanceOfSatisfying(StatusRuntimeException.class,
                        e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED));
        assertThat(fixture.consumer.spanCount()).isZero();

        stub.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(credentials)).postSpans(JaegerGrpcReceiverTest.request());
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
        assertThat(fixture.accepted("grpc")).isEqualTo(2);
    }

    @Test
    void thriftHttpNeedsCredentialsAndARefusalIsCountedNowhere() throws Exception {
        startWithBasicAuth();

        HttpResponse<String> refused = post(ThriftBatches.binaryBatch(), "Authorization", "Basic YWxpY2U6d3Jvbmc=");
        HttpResponse<String> accepted = post(ThriftBatches.binaryBatch(), "Authorization", ALICE);

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(refused.body()).isEqualTo("invalid credentials\n");
        assertThat(accepted.statusCode()).isEqualTo(202);
        assertThat(fixture.consumer.spanCount()).isEqualTo(1);
        assertThat(fixture.accepted("collector_http")).isEqualTo(1);
        assertThat(fixture.refusedSpans("collector_http")).isZero();
    }

    @Test
    void thriftHttpInflatesGzipAndStopsABombAtTheBodyLimit() throws Exception {
        fixture.start("""
                protocols:
                  thrift_http:
                    endpoint: 127.0.0.1:0
                    max_request_body_size: 65536
                """);

        HttpResponse<String> bomb = post(gzip(new byte[64 * 1024 * 1024]), "Content-Encoding", "gzip");
        HttpResponse<String> good = post(gzip(ThriftBatches.binaryBatch()), "Content-Encoding", "gzip");

        assertThat(bomb.statusCode()).isEqualTo(413);
        assertThat(good.statusCode()).isEqualTo(202);
        assertThat(fixture.consumer.spanCount()).isEqualTo(1);
    }

    @Test
    void thriftHttpTimeoutsBindWithOtelcolsDefaults() {
        HttpServerTimeouts defaults = JaegerFixture.config("protocols: {thrift_http: {}}").protocols().thriftHttp().timeouts();
        HttpServerTimeouts set = JaegerFixture.config("protocols: {thrift_http: {read_header_timeout: 5s, idle_timeout: 0s}}")
                .protocols().thriftHttp().timeouts();

        assertThat(defaults).isEqualTo(HttpServerTimeouts.DEFAULT);
        assertThat(defaults.readHeaderTimeout()).isEqualTo(Duration.ofMinutes(1));
        assertThat(set.readHeaderTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(set.idleTimeout()).isZero();
    }

    private HttpResponse<String> post(byte[] body, String... headers) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(fixture.tracesUrl()))
                .header("Content-Type", "application/x-thrift").headers(headers)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static byte[] gzip(byte[] body) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(out)) {
            gzip.write(body);
        }
        return out.toByteArray();
    }
}
