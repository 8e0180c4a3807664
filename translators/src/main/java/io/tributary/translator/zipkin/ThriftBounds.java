package io.tributary.translator.zipkin;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;

/**
 * Guards the v1 Thrift reader: zipkincore's generated reader allocates a list at the size it
 * claims, which libthrift checks against the remaining bytes only for element types that occupy
 * some (20 hostile bytes could ask for a 2^31-element list), and zipkin2's decoder looped over such
 * claims (70 bytes cost it 20 s of CPU). libthrift's skip refuses those types and any count the
 * remaining bytes cannot hold, so walking the body with it first bounds the work by the body's size.
 */
final class ThriftBounds {
    private ThriftBounds() {
    }

    /** @throws IllegalArgumentException when the body is not one well-formed binary-protocol list */
    static void check(byte[] body) {
        try {
            TConfiguration limits = new TConfiguration(Math.max(1, body.length),
                    TConfiguration.DEFAULT_MAX_FRAME_SIZE, TConfiguration.DEFAULT_RECURSION_DEPTH);
            TProtocolUtil.skip(new TBinaryProtocol(new TMemoryInputTransport(limits, body)), TType.LIST);
        } catch (TException e) {
            throw new IllegalArgumentException("malformed Thrift list: " + e.getMessage(), e);
        }
    }
}
