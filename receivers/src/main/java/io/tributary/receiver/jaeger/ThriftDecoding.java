package io.tributary.receiver.jaeger;

import io.jaegertracing.agent.thrift.Agent;
import io.jaegertracing.thriftjava.Batch;
import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TList;
import org.apache.thrift.protocol.TMap;
import org.apache.thrift.protocol.TMessage;
import org.apache.thrift.protocol.TMessageType;
import org.apache.thrift.protocol.TProtocol;
import org.apache.thrift.protocol.TProtocolDecorator;
import org.apache.thrift.protocol.TProtocolException;
import org.apache.thrift.protocol.TProtocolFactory;
import org.apache.thrift.protocol.TSet;
import org.apache.thrift.transport.TMemoryInputTransport;

/** Reads Jaeger Thrift payloads: a bare {@code Batch} (HTTP) or the agent's {@code emitBatch} message (UDP). */
final class ThriftDecoding {
    private static final String EMIT_BATCH = "emitBatch";

    private ThriftDecoding() {
    }

    /**
     * Bounds every length the payload claims by the payload's own size: with libthrift's default
     * (100 MB) a few hostile bytes could make it allocate that much before failing.
     */
    private static TMemoryInputTransport input(byte[] bytes) throws TException {
        TConfiguration limits = new TConfiguration(Math.max(1, bytes.length),
                TConfiguration.DEFAULT_MAX_FRAME_SIZE, TConfiguration.DEFAULT_RECURSION_DEPTH);
        return new TMemoryInputTransport(limits, bytes);
    }

    /**
     * The generated readers allocate a list, set or map at the size it claims before reading an
     * element, and libthrift checks that size against the remaining bytes only for element types
     * that take some (not VOID): 20 bytes could ask for a 2^31-element ArrayList, an
     * OutOfMemoryError. A real element takes at least a byte, so no size may exceed the payload.
     */
    private static TProtocol bounded(TProtocol protocol, int maxElements) {
        return new TProtocolDecorator(protocol) {
            @Override
            public TList readListBegin() throws TException {
                TList list = super.readListBegin();
                return checked(list, list.size);
            }

            @Override
            public TSet readSetBegin() throws TException {
                TSet set = super.readSetBegin();
                return checked(set, set.size);
            }

            @Override
            public TMap readMapBegin() throws TException {
                TMap map = super.readMapBegin();
                return checked(map, map.size);
            }

            private <T> T checked(T container, int size) throws TProtocolException {
                if (size > maxElements) {
                    throw new TProtocolException(TProtocolException.SIZE_LIMIT, "container of " + size + " elements in " + maxElements + " bytes");
                }
                return container;
            }
        };
    }

    /** The collector's HTTP body: one {@code Batch} struct. */
    static Batch batch(byte[] bytes, TProtocolFactory protocols) throws TException {
        return malformedAsTException(() -> {
            TProtocol protocol = bounded(protocols.getProtocol(input(bytes)), bytes.length);
            Batch batch = new Batch();
            batch.read(protocol);
            batch.validate();
            return batch;
        });
    }

    /** An agent datagram: the one-way {@code Agent.emitBatch(batch)} call. */
    static Batch emitBatch(byte[] bytes, TProtocolFactory protocols) throws TException {
        return malformedAsTException(() -> {
            TProtocol protocol = bounded(protocols.getProtocol(input(bytes)), bytes.length);
            TMessage message = protocol.readMessageBegin();
            if (!EMIT_BATCH.equals(message.name)
                    || (message.type != TMessageType.ONEWAY && message.type != TMessageType.CALL)) {
                // emitZipkinBatch (Zipkin v1 Thrift through the agent) is not served, as in otelcol.
                throw new TException("not an emitBatch message: '" + message.name + "'");
            }
            Agent.emitBatch_args args = new Agent.emitBatch_args();
            args.read(protocol);
            protocol.readMessageEnd();
            if (args.getBatch() == null) {
                throw new TException("emitBatch without a batch");
            }
            args.getBatch().validate();
            return args.getBatch();
        });
    }

    private interface Read {
        Batch run() throws TException;
    }

    /** libthrift reports some malformed input (a negative or overlong length) as an unchecked exception. */
    private static Batch malformedAsTException(Read read) throws TException {
        try {
            return read.run();
        } catch (RuntimeException e) {
            throw new TProtocolException(TProtocolException.INVALID_DATA, e.toString());
        }
    }
}
