package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.google.protobuf.ByteString;
import io.grpc.CallOptions;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.ClientCalls;
import io.tributary.receiver.intake.ExportFailure;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What a real gRPC or HTTP client reads when its export fails: a stable message in our words,
 * never an exception's class or text (those go to the collector's log).
 */
class ClientFacingErrorsTest {
    private static final String BOTH = """
            protocols:
              grpc:
                endpoint: 127.0.0.1:0
              http:
                endpoint: 127.0.0.1:0
            """;
    private static final String SECRET = "java.lang.ArrayIndexOutOfBoundsException: index 7 in io.tributary.Internal";

    private final ReceiverFixture fixture = new ReceiverFixture();
    private final HttpClient client = HttpClient.newHttpClient();
    private ManagedChannel channel;

    @AfterEach
    void tearDown() {
        if (channel != null) {
            channel.shutdownNow();
        }
        fixture.close();
    }

    /** Nothing a client reads may name a Java or library class or quote an exception. */
    private static void assertNoInternals(String message) {
        assertThat(message).doesNotContain("java.", "com.google", "io.tributary", "gson", "Gson", "Exception", "\tat ");
    }

    private StatusRuntimeException exportOverGrpc(ByteString request) {
        channel = NettyChannelBuilder.forAddress("127.0.0.1", fixture.grpc().getPort()).usePlaintext().build();
        return catchThrowableOfType(StatusRuntimeException.class, () -> ClientCalls.blockingUnaryCall(channel, OtlpGrpcServer.EXPORT,
                CallOptions.DEFAULT.withDeadlineAfter(10, TimeUnit.SECONDS), request));
    }

    private HttpResponse<byte[]> postHttp(String contentType, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(fixture.httpUrl("/v1/traces"))).timeout(Duration.ofSeconds(10))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofByteArray());
    }

    private static String jsonStatusMessage(HttpResponse<byte[]> response) throws Exception {
        com.google.rpc.Status.Builder status = com.google.rpc.Status.newBuilder();
        com.google.protobuf.util.JsonFormat.parser().ignoringUnknownFields().merge(new String(response.body(), StandardCharsets.UTF_8), status);
        return status.getMessage();
    }

    @Test
    void anUnexpectedPipelineFailureTellsAGrpcClientToLookInTheCollectorsLog() throws Exception {
        fixture.start(BOTH);
        fixture.consumer.failWith(() -> new IllegalStateException(SECRET));

        StatusRuntimeException error = exportOverGrpc(OtlpGrpcReceiverTest.validRequest());

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
        assertThat(error.getStatus().getDescription()).isEqualTo(ExportFailure.UNEXPECTED_FAILURE);
        assertNoInternals(error.getMessage());
    }

    @Test
    void anUnexpectedPipelineFailureTellsAnHttpClientToLookInTheCollectorsLog() throws Exception {
        fixture.start(BOTH);
        fixture.consumer.failWith(() -> new IllegalStateException(SECRET));

        HttpResponse<byte[]> response = postHttp("application/x-protobuf", OtlpGrpcReceiverTest.validRequest().toByteArray());

        assertThat(response.statusCode()).isEqualTo(500);
        com.google.rpc.Status status = com.google.rpc.Status.parseFrom(response.body());
        assertThat(status.getCode()).isEqualTo(Status.Code.INTERNAL.value());
        assertThat(status.getMessage()).isEqualTo(ExportFailure.UNEXPECTED_FAILURE);
    }

    @Test
    void malformedJsonIsNamedWithItsLineAndColumn() throws Exception {
        fixture.start(BOTH);

        HttpResponse<byte[]> response = postHttp("application/json", "{\"resourceSpans\": [x,".getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        String message = jsonStatusMessage(response);
        assertThat(message).startsWith("invalid OTLP/JSON: not well-formed JSON at line 1 column ");
        assertNoInternals(message);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"startTimeUnixNano\":\"abc\"}]}]}]}",
            "{\"resourceSpans\":{}}",
            "{\"resourceSpans\":[{\"resource\":\"x\"}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"name\":{}}]}]}]}",
            "{\"resourceSpans\":[{\"scopeSpans\":[{\"spans\":[{\"traceId\":\"xyz\"}]}]}]}",
            "[1, 2]"})
    void jsonThatDoesNotFitOtlpIsRefusedInOurWords(String body) throws Exception {
        fixture.start(BOTH);

        HttpResponse<byte[]> response = postHttp("application/json", body.getBytes(StandardCharsets.UTF_8));

        assertThat(response.statusCode()).isEqualTo(400);
        String message = jsonStatusMessage(response);
        assertThat(message).isNotBlank();
        assertNoInternals(message);
    }

    @Test
    void malformedProtobufIsRefusedInOurWordsOverGrpcAndHttp() throws Exception {
        fixture.start(BOTH);
        byte[] truncated = {0x0a, 0x7f, 0x01};

        StatusRuntimeException error = exportOverGrpc(ByteString.copyFrom(truncated));
        HttpResponse<byte[]> response = postHttp("application/x-protobuf", truncated);

        assertThat(error.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
        assertNoInternals(error.getMessage());
        assertThat(response.statusCode()).isEqualTo(400);
        String message = com.google.rpc.Status.parseFrom(response.body()).getMessage();
        assertThat(message).isEqualTo(error.getStatus().getDescription());
        assertNoInternals(message);
    }
}
