package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.CallOptions;
import io.grpc.ClientInterceptors;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.grpc.stub.MetadataUtils;
import io.tributary.core.client.ClientInfo;
import io.tributary.testkit.TestHost;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The client the otlp receiver attaches to each request's traces, as confighttp and configgrpc make it. */
class OtlpClientInfoTest {
    private static final String WITH_METADATA = """
            protocols:
              grpc:
                endpoint: 127.0.0.1:0
                include_metadata: true
              http:
                endpoint: 127.0.0.1:0
                include_metadata: true
            """;
    private static final String WITHOUT_METADATA = """
            protocols:
              grpc:
                endpoint: 127.0.0.1:0
              http:
                endpoint: 127.0.0.1:0
            """;

    private final ReceiverFixture fixture = new ReceiverFixture();
    private final TestHost host = new TestHost();
    private ManagedChannel channel;

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.shutdownNow();
        }
        fixture.close();
        host.close();
    }

    @Test
    void whatTheAuthenticatorLearntJoinsTheGrpcCallsClient() throws Exception {
        host.with("basicauth/server", "htpasswd: {inline: \"alice:secret\"}");
        fixture.start("""
                protocols:
                  grpc:
                    endpoint: 127.0.0.1:0
                    include_metadata: true
                    auth: {authenticator: basicauth/server}
                """, host);

        ClientInfo client = exportWithTenants(Map.of("authorization",
                "Basic " + Base64.getEncoder().encodeToString("alice:secret".getBytes(StandardCharsets.UTF_8))), "acme");

        assertThat(client.auth().attribute("username")).isEqualTo("alice");
        assertThat(client.metadata("x-tenant")).containsExactly("acme");
        assertThat(client.address()).isEqualTo("127.0.0.1");
    }

    @Test
    void httpHeadersAreMetadataWithLowerCaseNamesAndEveryValue() throws Exception {
        fixture.start(WITH_METADATA);

        ClientInfo client = postWithTenants("acme", "globex");

        assertThat(client.address()).isEqualTo("127.0.0.1");
        assertThat(client.metadata("x-tenant")).containsExactly("acme", "globex");
        assertThat(client.metadata("X-Tenant")).containsExactly("acme", "globex");
        assertThat(client.metadata("host")).hasSize(1);
        assertThat(client.auth()).isNull();
    }

    @Test
    void grpcMetadataIsKeptWithTheAuthorityAsHost() throws Exception {
        fixture.start(WITH_METADATA);

        ClientInfo client = exportWithTenants(Map.of(), "acme", "globex");

        assertThat(client.address()).isEqualTo("127.0.0.1");
        assertThat(client.metadata("x-tenant")).containsExactly("acme", "globex");
        assertThat(client.metadata("host")).containsExactly("127.0.0.1:" + fixture.grpc().getPort());
    }

    @Test
    void withoutIncludeMetadataOnlyThePeerAddressIsKept() throws Exception {
        fixture.start(WITHOUT_METADATA);

        ClientInfo http = postWithTenants("acme");
        ClientInfo grpc = exportWithTenants(Map.of(), "acme");

        assertThat(http.address()).isEqualTo("127.0.0.1");
        assertThat(grpc.address()).isEqualTo("127.0.0.1");
        assertThat(http.metadata("x-tenant")).isEmpty();
        assertThat(grpc.metadata("x-tenant")).isEmpty();
    }

    private ClientInfo postWithTenants(String... tenants) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(fixture.httpUrl("/v1/traces")))
                .header("Content-Type", "application/x-protobuf")
                .POST(HttpRequest.BodyPublishers.ofByteArray(OtlpGrpcReceiverTest.validRequest().toByteArray()));
        for (String tenant : tenants) {
            request.header("X-Tenant", tenant);
        }
        HttpResponse<Void> response = HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.discarding());
        assertThat(response.statusCode()).isEqualTo(200);
        return lastClient();
    }

    private ClientInfo exportWithTenants(Map<String, String> more, String... tenants) {
        Metadata headers = new Metadata();
        more.forEach((name, value) -> headers.put(Metadata.Key.of(name, Metadata.ASCII_STRING_MARSHALLER), value));
        for (String tenant : tenants) {
            headers.put(Metadata.Key.of("x-tenant", Metadata.ASCII_STRING_MARSHALLER), tenant);
        }
        if (channel == null) {
            channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.grpc().getPort()).usePlaintext().build();
        }
        ClientCalls.blockingUnaryCall(ClientInterceptors.intercept(channel, MetadataUtils.newAttachHeadersInterceptor(headers)),
                OtlpGrpcServer.EXPORT, CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS),
                OtlpGrpcReceiverTest.validRequest());
        return lastClient();
    }

    private ClientInfo lastClient() {
        return fixture.consumer.batches().get(fixture.consumer.batches().size() - 1).client();
    }
}
