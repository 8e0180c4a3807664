package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import com.google.protobuf.Message;
import io.opentelemetry.exporter.otlp.trace.OtlpGrpcSpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.tributary.core.consumer.RetryableException;
import io.tributary.testkit.Await;
import io.tributary.testkit.TestCertificate;
import io.tributary.testkit.TestHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.naming.ldap.LdapName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The otlp receiver's auth, mutual TLS, certificate rotation and stream limit, driven by real clients. */
class OtlpReceiverSecurityTest {
    private static final String BEARER = "bearertokenauth/server";

    /** Made once: keytool is slow, and each test needs only to read them. */
    @TempDir
    static Path certificates;
    private static TestCertificate ca;
    private static TestCertificate first;
    private static TestCertificate second;
    private static TestCertificate client;

    private final ReceiverFixture fixture = new ReceiverFixture();
    private final HttpClient http = HttpClient.newHttpClient();
    private TestHost host;
    private ManagedChannel channel;

    @BeforeAll
    static void issueCertificates() throws Exception {
        ca = TestCertificate.authority(certificates, "ca");
        first = ca.issue("first");
        second = ca.issue("second");
        client = ca.issue("client");
    }

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.shutdownNow();
        }
        fixture.close();
        if (host != null) {
            host.close();
        }
    }

    private void startWithBearerAuth() throws Exception {
        host = new TestHost().with(BEARER, "token: s3cret");
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    auth: {authenticator: bearertokenauth/server}
                  http:
                    endpoint: 127.0.0.1:0
                    auth: {authenticator: bearertokenauth/server}
                """, host);
    }

    @Test
    void grpcSdkExporterWithTheTokenIsAccepted() throws Exception {
        startWithBearerAuth();
        List<SpanData> spans = SampleSpans.create();
        try (OtlpGrpcSpanExporter exporter = OtlpGrpcSpanExporter.builder()
                .setEndpoint("http://127.0.0.1:" + fixture.grpc().getPort())
                .addHeader("Authorization", "Bearer s3cret").build()) {
            assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void grpcCallWithoutTheTokenIsUnauthenticatedAndCountedNowhere() throws Exception {
        startWithBearerAuth();
        channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.grpc().getPort()).usePlaintext().build();

        StatusRuntimeException error = catchThrowableOfType(StatusRuntimeException.class,
                () -> ClientCalls.blockingUnaryCall(channel, OtlpGrpcServer.EXPORT, CallOptions.DEFAULT,
                        OtlpRequests.protobuf(SampleSpans.create())));

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
        assertThat(error.getStatus().getDescription()).contains("missing or empty authorization header");
        assertThat(fixture.consumer.spanCount()).isZero();
        assertThat(fixture.accepted("grpc")).isZero();
        assertThat(fixture.refused("grpc")).isZero();
    }

    @Test
    void httpSdkExporterWithTheTokenIsAccepted() throws Exception {
        startWithBearerAuth();
        List<SpanData> spans = SampleSpans.create();
        try (OtlpHttpSpanExporter exporter = OtlpHttpSpanExporter.builder()
                .setEndpoint(fixture.httpUrl("/v1/traces"))
                .addHeader("Authorization", "Bearer s3cret").build()) {
            assertThat(exporter.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
        }
        assertThat(fixture.consumer.spanCount()).isEqualTo(2);
    }

    @Test
    void httpRequestWithAWrongTokenIs401WithAnUnauthenticatedStatusAndCountedNowhere() throws Exception {
        startWithBearerAuth();

        HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(fixture.httpUrl("/v1/traces")))
                .header("Content-Type", "application/x-protobuf").header("Authorization", "Bearer wrong")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpRequests.protobuf(SampleSpans.create()).toByteArray())).build(),
                HttpResponse.BodyHandlers.ofByteArray());

        assertThat(response.statusCode()).isEqualTo(401);
        com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
        assertThat(status.getCode()).isEqualTo(Status.Code.UNAUTHENTICATED.value());
        assertThat(status.getMessage()).isEqualTo("scheme or token does not match");
        assertThat(fixture.consumer.spanCount()).isZero();
        assertThat(fixture.accepted("http")).isZero();
        assertThat(fixture.refused("http")).isZero();
    }

    @Test
    void anAuthenticatorThatIsNotRunningFailsStartNamingTheKeyPath() {
        assertThatThrownBy(() -> fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    auth: {authenticator: bearertokenauth/absent}
                """))
                .hasMessageContaining("receivers::otlp::protocols::http::auth::authenticator")
                .hasMessageContaining("bearertokenauth/absent");
    }

    @Test
    void aClientOnlyAuthenticatorFailsStartNamingTheKeyPath() throws Exception {
        host = new TestHost().with("basicauth/client", "client_auth: {username: a, password: b}");
        assertThatThrownBy(() -> fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    auth: {authenticator: basicauth/client}
                """, host))
                .hasMessageContaining("receivers::otlp::protocols::grpc::auth::authenticator")
                .hasMessageContaining("htpasswd");
    }

    @Test
    void mutualTlsServesAClientWithACertificateFromTheClientCaAndRefusesOneWithout() throws Exception {
        TestCertificate server = first;
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    tls: {cert_file: %1$s, key_file: %2$s, client_ca_file: %3$s}
                  http:
                    endpoint: 127.0.0.1:0
                    tls: {cert_file: %1$s, key_file: %2$s, client_ca_file: %3$s}
                """.formatted(server.certFile(), server.keyFile(), ca.certFile()));
        List<SpanData> spans = SampleSpans.create();
        byte[] clientKey = Files.readAllBytes(client.keyFile());

        try (OtlpGrpcSpanExporter withCert = OtlpGrpcSpanExporter.builder()
                .setEndpoint("https://localhost:" + fixture.grpc().getPort())
                .setTrustedCertificates(ca.certPem()).setClientTls(clientKey, client.certPem()).build();
             OtlpHttpSpanExporter httpWithCert = OtlpHttpSpanExporter.builder()
                .setEndpoint("https://localhost:" + fixture.addresses().get("http").getPort() + "/v1/traces")
                .setTrustedCertificates(ca.certPem()).setClientTls(clientKey, client.certPem()).build();
             OtlpGrpcSpanExporter without = OtlpGrpcSpanExporter.builder()
                .setEndpoint("https://localhost:" + fixture.grpc().getPort())
                .setTrustedCertificates(ca.certPem()).setTimeout(Duration.ofSeconds(5)).build()) {
            assertThat(withCert.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(httpWithCert.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
            assertThat(without.export(spans).join(10, TimeUnit.SECONDS).isSuccess()).isFalse();
        }
        assertThat(fixture.consumer.spanCount()).isEqualTo(4);
    }

    @Test
    void maxVersionOneTwoRefusesATls13OnlyClient() throws Exception {
        TestCertificate cert = first;
        fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    tls: {cert_file: %s, key_file: %s, max_version: "1.2"}
                """.formatted(cert.certFile(), cert.keyFile()));

        assertThat(handshakeProtocol(ca.clientContext(), "TLSv1.2")).isEqualTo("TLSv1.2");
        assertThatThrownBy(() -> handshakeProtocol(ca.clientContext(), "TLSv1.3")).isInstanceOf(javax.net.ssl.SSLException.class);
    }

    @Test
    void aRotatedCertificateIsServedAfterReloadIntervalWithoutRestart(@TempDir Path dir) throws Exception {
        Path cert = Files.copy(first.certFile(), dir.resolve("tls-cert.pem"));
        Path key = Files.copy(first.keyFile(), dir.resolve("tls-key.pem"));
        fixture.start("""
                protocols:
                  http:
                    endpoint: 127.0.0.1:0
                    tls: {cert_file: %s, key_file: %s, reload_interval: 100ms}
                """.formatted(cert, key));
        assertThat(servedName()).isEqualTo("first");

        Files.copy(second.keyFile(), key, StandardCopyOption.REPLACE_EXISTING);
        Files.copy(second.certFile(), cert, StandardCopyOption.REPLACE_EXISTING);

        Await.until(() -> "second".equals(servedName()), Duration.ofSeconds(10), () -> "the rotated certificate was never served");
        HttpResponse<String> response = HttpClient.newBuilder().sslContext(ca.clientContext()).build().send(
                HttpRequest.newBuilder(URI.create("https://localhost:" + fixture.addresses().get("http").getPort() + "/v1/traces"))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
    }

    @Test
    void maxConcurrentStreamsHoldsACallersParallelCallsToTheLimit() throws Exception {
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    max_concurrent_streams: 1
                """);
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger most = new AtomicInteger();
        AtomicInteger entered = new AtomicInteger();
        // Each call is held in the consumer until the test lets it go, so calls the limit did not
        // hold back would pile up there.
        Semaphore release = new Semaphore(0);
        fixture.consumer.failWith(() -> {
            most.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            entered.incrementAndGet();
            try {
                release.tryAcquire(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            inFlight.decrementAndGet();
            return new RetryableException("held");
        });
        channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.grpc().getPort()).usePlaintext().build();
        ByteString request = OtlpRequests.protobuf(SampleSpans.create());
        List<Future<Message>> calls = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            calls.add(ClientCalls.futureUnaryCall(channel.newCall(OtlpGrpcServer.EXPORT, CallOptions.DEFAULT), request));
        }

        Await.until(() -> entered.get() >= 1, Duration.ofSeconds(10), () -> "no call reached the consumer");
        // The three calls overlap: all are outstanding while the first is held.
        assertThat(calls).noneMatch(Future::isDone);
        for (int held = 1; held <= calls.size(); held++) {
            int expected = held;
            Await.until(() -> entered.get() >= expected, Duration.ofSeconds(10), () -> "call " + expected + " never reached the consumer");
            release.release();
        }
        for (Future<Message> call : calls) {
            assertThatThrownBy(() -> call.get(10, TimeUnit.SECONDS)).cause().isInstanceOfSatisfying(StatusRuntimeException.class,
                    e -> assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE));
        }
        assertThat(most.get()).isEqualTo(1);
    }

    /** The CN of the certificate the server presents on a new connection (no session resumption). */
    private String servedName() {
        try (SSLSocket socket = (SSLSocket) ca.clientContext().getSocketFactory()
                .createSocket("localhost", fixture.addresses().get("http").getPort())) {
            socket.startHandshake();
            X509Certificate served = (X509Certificate) socket.getSession().getPeerCertificates()[0];
            return new LdapName(served.getSubjectX500Principal().getName()).getRdns().get(0).getValue().toString();
        } catch (Exception e) {
            return "handshake failed: " + e;
        }
    }

    private String handshakeProtocol(SSLContext context, String protocol) throws Exception {
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory()
                .createSocket("localhost", fixture.addresses().get("http").getPort())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.startHandshake();
            return socket.getSession().getProtocol();
        }
    }
}
