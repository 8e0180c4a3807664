package io.tributary.receiver.jaeger;

import io.jaegertracing.agent.thrift.Agent;
import io.jaegertracing.thriftjava.Batch;
import io.jaegertracing.thriftjava.Process;
import io.jaegertracing.thriftjava.Span;
import io.jaegertracing.thriftjava.Tag;
import io.jaegertracing.thriftjava.TagType;
import java.util.List;
import org.apache.thrift.TException;
import org.apache.thrift.TSerializer;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolFactory;
import org.apache.thrift.transport.TMemoryBuffer;

/** Jaeger Thrift payloads built by hand with libthrift, as the agent and collector receive them. */
final class ThriftBatches {
    static final long TRACE_ID_HIGH = 0x5b8efff798038103L;
    static final long TRACE_ID_LOW = 0xd269b633813fc60cL;

    private ThriftBatches() {
    }

    /** A span with a BINARY tag, the one tag type the Jaeger client's API cannot produce. */
    static Span span(long spanId, String operation) {
        return new Span(TRACE_ID_LOW, TRACE_ID_HIGH, spanId, 0, operation, 1, 1_700_000_000_000_000L, 250)
                .setTags(List.of(new Tag("payload", TagType.BINARY).setVBinary(new byte[] {1, 2, 3})));
    }

    static Batch batch(Span... spans) {
        return new Batch(new Process("inventory"), List.of(spans));
    }

    /** The collector's HTTP body: a bare {@code Batch} in the binary protocol. */
    static byte[] binaryBatch() throws TException {
        return new TSerializer(new TBinaryProtocol.Factory()).serialize(batch(span(7, "reserve")));
    }

    /** What an agent client sends in one datagram: the one-way {@code emitBatch(batch)} message. */
    static byte[] emitBatch(TProtocolFactory protocols, Batch batch) throws TException {
        TMemoryBuffer buffer = new TMemoryBuffer(512);
        TProtocol protocol = protocols.getProtocol(buffer);
        protocol.writeMessageBegin(new TMessage("emitBatch", TMessageType.ONEWAY, 1));
        new Agent.emitBatch_args(batch).write(protocol);
        protocol.writeMessageEnd();
        byte[] bytes = new byte[buffer.length()];
        System.arraycopy(buffer.getArray(), 0, bytes, 0, bytes.length);
        return bytes;
    }
}
