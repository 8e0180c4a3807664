package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jaegertracing.internal.exceptions.SenderException;
import io.jaegertracing.thrift.internal.senders.HttpSender;
import io.jaegertracing.thriftjava.Process;
import io.tributary.core.consumer.RetryableException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class JaegerThriftHttpReceiverTest {
    private static final String TRANSPORT = "collector_http";

    private final JaegerFixture fixture = new JaegerFixture();
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @BeforeEach
    void setUp() throws Exception {
        fixture.start("""
                protocols:
                  thrift_http:
                    endpoint: 127.0.0.1:0
                """);
    }

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void jaegerClientTraceArrivesTranslated() throws Exception {
        ClientTrace trace = ClientTrace.sendWith(new HttpSender.Builder(fixture.tracesUrl()).build());

        fixture.consumer.awaitSpans(2, JaegerFixture.TIMEOUT);
        trace.assertTranslated(fixture.consumer.resourceSpans());
        assertThat(fixture.accepted(TRANSPORT)).isEqualTo(2);
    }

    @Test
    void acceptedBatchIsAnswered202() throws Exception {
        HttpResponse<String> response = post("application/x-thrift", ThriftBatches.binaryBatch());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(fixture.consumer.spanCount()).isEqualTo(1);
    }

    @Test
    void apacheThriftMediaTypeIsAccepted() throws Exception {
        HttpResponse<String> response = post("application/vnd.apache.thrift.binary", ThriftBatches.binaryBatch());

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(fixture.consumer.spanCount()).isEqualTo(1);
    }

    @Test
    void malformedBodyIsRefused400AndCountedAndTheServerKeepsServing() throws Exception {
        HttpResponse<String> response = post("application/x-thrift", new byte[] {0x0c, 0x00, 0x01, 0x7f, 0x7f});

        assertThat(response.statusCode()).isEqualTo(400);
        // Thrift's own text (class names, struct dumps) stays in the log.
        assertThat(response.body()).isEqualTo("Unable to process request body: not a Jaeger Thrift Batch in the binary protocol");
        assertThat(fixture.refusedMessages(TRANSPORT, "undecodable")).isEqualTo(1);
        assertThat(post("application/x-thrift", ThriftBatches.binaryBatch()).statusCode()).isEqualTo(202);
        assertThat(fixture.consumer.spanCount()).isEqualTo(1);
    }

    @Test
    void bodyClaimingAHugeStringIsRefused400() throws Exception {
        // Batch.process (field 1, a struct) whose serviceName (field 1, a string) claims 2 GB.
        byte[] body = {0x0c, 0x00, 0x01, 0x0b, 0x00, 0x01, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'};

        assertThat(post("application/x-thrift", body).statusCode()).isEqualTo(400);
        assertThat(fixture.refusedMessages(TRANSPORT, "undecodable")).isEqualTo(1);
    }

    /** As the Jaeger collector and otelcol answer (400, not 415). */
    @Test
    void wrongContentTypeIsRefused400() throws Exception {
        HttpResponse<String> response = post("application/json", ThriftBatches.binaryBatch());

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("Unsupported content type");
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void otherPathsAre404() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(fixture.tracesUrl() + "/x"))
                .header("Content-Type", "application/x-thrift")
                .POST(HttpRequest.BodyPublishers.ofByteArray(ThriftBatches.binaryBatch())).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(404);
    }

    @Test
    void backPressureIsAnswered503WithRetryAfter() throws Exception {
        fixture.consumer.failWith(() -> new RetryableException("queue is busy"));

        HttpResponse<String> response = post("application/x-thrift", ThriftBatches.binaryBatch());

        assertThat(response.statusCode()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(fixture.refusedSpans(TRANSPORT)).isEqualTo(1);
    }

    @Test
    void jaegerClientSeesRefusalsAsSendFailures() throws Exception {
        fixture.consumer.failWith(() -> new RetryableException("queue is busy"));
        HttpSender sender = new HttpSender.Builder(fixture.tracesUrl()).build();

        assertThatThrownBy(() -> sender.send(new Process("svc"), List.of(ThriftBatches.span(1, "op"))))
                .isInstanceOf(SenderException.class);
    }

    private HttpResponse<String> post(String contentType, byte[] body) throws Exception {
        return client.send(HttpRequest.newBuilder(URI.create(fixture.tracesUrl()))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
