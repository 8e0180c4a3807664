package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThat;

import io.jaegertracing.thrift.internal.senders.UdpSender;
import io.jaegertracing.thriftjava.Batch;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.opentelemetry.proto.trace.v1.Span;
import io.tributary.core.consumer.TracesConsumer;
import io.tributary.testkit.Await;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TCompactProtocol;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class JaegerUdpReceiverTest {
    private static final String COMPACT = "udp_thrift_compact";
    private static final String BINARY = "udp_thrift_binary";
    private static final String BOTH = """
            protocols:
              thrift_compact:
                endpoint: 127.0.0.1:0
              thrift_binary:
                endpoint: 127.0.0.1:0
            """;

    private final JaegerFixture fixture = new JaegerFixture();

    @AfterEach
    void tearDown() {
        fixture.close();
    }

    @Test
    void jaegerClientTraceOverCompactUdpArrivesTranslated() throws Exception {
        fixture.start(BOTH);
        InetSocketAddress agent = fixture.address(JaegerReceiver.THRIFT_COMPACT);

        ClientTrace trace = ClientTrace.sendWith(new UdpSender("127.0.0.1", agent.getPort(), 0));

        fixture.consumer.awaitSpans(2, JaegerFixture.TIMEOUT);
        trace.assertTranslated(fixture.consumer.resourceSpans());
        assertThat(fixture.accepted(COMPACT)).isEqualTo(2);
    }

    @Test
    void binaryProtocolEmitBatchArrivesTranslated() throws Exception {
        fixture.start(BOTH);

        send(JaegerReceiver.THRIFT_BINARY, ThriftBatches.emitBatch(new TBinaryProtocol.Factory(),
                ThriftBatches.batch(ThriftBatches.span(7, "reserve"))));

        fixture.consumer.awaitSpans(1, JaegerFixture.TIMEOUT);
        Span span = fixture.consumer.spans().get(0);
        assertThat(span.getName()).isEqualTo("reserve");
        assertThat(span.getTraceId()).isEqualTo(ClientTrace.traceId(ThriftBatches.TRACE_ID_HIGH, ThriftBatches.TRACE_ID_LOW));
        assertThat(span.getSpanId()).isEqualTo(ClientTrace.spanId(7));
        assertThat(span.getEndTimeUnixNano() - span.getStartTimeUnixNano()).isEqualTo(250_000);
        AnyValue payload = ClientTrace.attribute(span.getAttributesList(), "payload").orElseThrow();
        assertThat(payload.hasBytesValue() ? payload.getBytesValue().toByteArray() : payload.getStringValue().getBytes())
                .satisfiesAnyOf(
                        bytes -> assertThat(bytes).containsExactly(1, 2, 3),
                        bytes -> assertThat(new String(bytes)).isEqualTo("AQID"));
        assertThat(ClientTrace.attribute(fixture.consumer.resourceSpans().get(0).getResource().getAttributesList(),
                "service.name").orElseThrow().getStringValue()).isEqualTo("inventory");
        assertThat(fixture.accepted(BINARY)).isEqualTo(1);
    }

    @Test
    void truncatedDatagramIsCountedAndTheServerKeepsServing() throws Exception {
        fixture.start(BOTH);
        byte[] datagram = ThriftBatches.emitBatch(new TCompactProtocol.Factory(), ThriftBatches.batch(ThriftBatches.span(7, "reserve")));

        send(JaegerReceiver.THRIFT_COMPACT, Arrays.copyOf(datagram, datagram.length / 2));
        fixture.awaitRefusedMessages(COMPACT, "undecodable", 1);
        send(JaegerReceiver.THRIFT_COMPACT, datagram);

        fixture.consumer.awaitSpans(1, JaegerFixture.TIMEOUT);
        assertThat(fixture.refusedMessages(COMPACT, "undecodable")).isEqualTo(1);
    }

    @Test
    void datagramInTheOtherProtocolIsUndecodable() throws Exception {
        fixture.start(BOTH);

        send(JaegerReceiver.THRIFT_COMPACT, ThriftBatches.emitBatch(new TBinaryProtocol.Factory(),
                ThriftBatches.batch(ThriftBatches.span(7, "reserve"))));

        fixture.awaitRefusedMessages(COMPACT, "undecodable", 1);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void callsOtherThanEmitBatchAreUndecodable() throws Exception {
        fixture.start(BOTH);
        byte[] otherCall = ThriftBatches.emitBatch(new TCompactProtocol.Factory(), ThriftBatches.batch(ThriftBatches.span(7, "reserve")));
        // The method name's first byte, after the protocol id, type, sequence ID and name length: "xmitBatch".
        otherCall[4] = 'x';

        send(JaegerReceiver.THRIFT_COMPACT, otherCall);

        fixture.awaitRefusedMessages(COMPACT, "undecodable", 1);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void datagramLargerThanMaxPacketSizeIsCounted() throws Exception {
        fixture.start("""
                protocols:
                  thrift_compact:
                    endpoint: 127.0.0.1:0
                    max_packet_size: 64
                """);
        Batch batch = ThriftBatches.batch(ThriftBatches.span(7, "an operation name long enough to pass 64 bytes"));

        send(JaegerReceiver.THRIFT_COMPACT, ThriftBatches.emitBatch(new TCompactProtocol.Factory(), batch));

        fixture.awaitRefusedMessages(COMPACT, "undecodable", 1);
        assertThat(fixture.consumer.spanCount()).isZero();
    }

    @Test
    void datagramsBeyondAFullQueueAreDroppedAndCounted() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        TracesConsumer blocking = traces -> {
            entered.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            fixture.consumer.consume(traces);
        };
        fixture.start("""
                protocols:
                  thrift_compact:
                    endpoint: 127.0.0.1:0
                    queue_size: 1
                    workers: 1
                """, blocking);
        byte[] datagram = ThriftBatches.emitBatch(new TCompactProtocol.Factory(), ThriftBatches.batch(ThriftBatches.span(7, "reserve")));

        send(JaegerReceiver.THRIFT_COMPACT, datagram);
        assertThat(entered.await(10, TimeUnit.SECONDS)).isTrue();
        send(JaegerReceiver.THRIFT_COMPACT, datagram); // waits in the queue
        send(JaegerReceiver.THRIFT_COMPACT, datagram); // finds it full
        fixture.awaitRefusedMessages(COMPACT, "queue_full", 1);
        release.countDown();

        fixture.consumer.awaitSpans(2, JaegerFixture.TIMEOUT);
        Await.until(() -> fixture.accepted(COMPACT) == 2, JaegerFixture.TIMEOUT, () -> "accepted " + fixture.accepted(COMPACT));
        assertThat(fixture.refusedMessages(COMPACT, "queue_full")).isEqualTo(1);
    }

    private void send(String protocol, byte[] datagram) throws Exception {
        try (DatagramSocket socket = new DatagramSocket()) {
            socket.send(new DatagramPacket(datagram, datagram.length,
                    new InetSocketAddress("127.0.0.1", fixture.address(protocol).getPort())));
        }
    }
}
