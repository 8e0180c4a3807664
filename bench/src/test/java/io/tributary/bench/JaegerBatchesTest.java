package io.tributary.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.jaegertracing.agent.thrift.Agent;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Span;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TCompactProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.transport.TMemoryInputTransport;
import org.junit.jupiter.api.Test;

/** The generator's datagrams are what a Jaeger client's UDP sender writes, and fit one datagram. */
class JaegerBatchesTest {
    private static Batch decode(byte[] datagram) throws TException {
        TCompactProtocol protocol = new TCompactProtocol(new TMemoryInputTransport(datagram));
        TMessage message = protocol.readMessageBegin();
        assertThat(message.name).isEqualTo("emitBatch");
        assertThat(message.type).isEqualTo(TMessageType.ONEWAY);
        Agent.emitBatch_args args = new Agent.emitBatch_args();
        args.read(protocol);
        protocol.readMessageEnd();
        return args.getBatch();
    }

    @Test
    void datagramDecodesToTheSameBatch() throws TException {
        Batch batch = new JaegerBatches(7).nextBatch(40);

        assertThat(decode(JaegerBatches.encode(batch))).isEqualTo(batch);
    }

    @Test
    void batchHoldsTheAskedSpansOfOneServiceWithTagsAndReferences() {
        Batch batch = new JaegerBatches(7).nextBatch(60);

        assertThat(batch.getSpans()).hasSize(60);
        assertThat(batch.getProcess().getServiceName()).isNotEmpty();
        assertThat(batch.getProcess().getTags()).isNotEmpty();
        assertThat(batch.getSpans()).allSatisfy(span -> assertThat(span.getTags()).hasSizeGreaterThanOrEqualTo(5));
        assertThat(batch.getSpans()).filteredOn(span -> span.getParentSpanId() != 0)
                .isNotEmpty()
                .allSatisfy(span -> assertThat(span.getReferences()).singleElement()
                        .satisfies(ref -> assertThat(ref.getSpanId()).isEqualTo(span.getParentSpanId())));
    }

    @Test
    void someSpansCarryErrorLogs() {
        JaegerBatches batches = new JaegerBatches(7);
        long withLogs = 0;
        for (int i = 0; i < 20; i++) {
            withLogs += batches.nextBatch(60).getSpans().stream().filter(Span::isSetLogs).count();
        }

        assertThat(withLogs).isPositive();
    }

    @Test
    void poolDatagramsFitTheAgentsMaxPacketSizeAndHoldTheCountedSpans() throws TException {
        int[] spans = new int[64];
        var pool = JaegerUdpLoadGenerator.encodePool(spans.length, 20, 60, 1, spans);

        assertThat(spans[0]).isEqualTo(20);
        assertThat(spans[spans.length - 1]).isEqualTo(60);
        for (int i = 0; i < pool.size(); i++) {
            assertThat(pool.get(i).length).isLessThanOrEqualTo(JaegerBatches.MAX_DATAGRAM_BYTES);
            assertThat(decode(pool.get(i)).getSpans()).hasSize(spans[i]);
        }
    }

    @Test
    void batchTooLargeForOneDatagramIsRefused() {
        Batch batch = new JaegerBatches(7).nextBatch(1_000);

        assertThatThrownBy(() -> JaegerBatches.encode(batch))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("1000 spans");
    }
}
