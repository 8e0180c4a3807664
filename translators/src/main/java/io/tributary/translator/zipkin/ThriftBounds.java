package io.tributary.translator.zipkin;

import org.apache.thrift.TConfiguration;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.apache.thrift.protocol.TProtocolUtil;
import org.apache.thrift.protocol.TType;
import org.apache.thrift.transport.TMemoryInputTransport;

/**
 * Guards zipkin2's v1 Thrift decoder, which skips an unknown field's list element by element up to
 * the count the list claims, even for element types that occupy no bytes: 70 hostile bytes cost it
 * 20 s of CPU. libthrift's skip refuses such types and any count the remaining bytes cannot hold,
 * so walking the body with it first bounds the work by the body's size.
 */
public final class ThriftBounds {
    private ThriftBounds() {
    }

    /** @throws IllegalArgumentException when the body is not one well-formed binary-protocol list */
    public static void check(byte[] body) {
        try {
            TConfiguration limits = new TConfiguration(Math.max(1, body.length),
                    TConfiguration.DEFAULT_MAX_FRAME_SIZE, TConfiguration.DEFAULT_RECURSION_DEPTH);
            TProtocolUtil.skip(new TBinaryProtocol(new TMemoryInputTransport(limits, body)), TType.LIST);
        } catch (TException e) {
            throw new IllegalArgumentException("malformed Thrift list: " + e.getMessage(), e);
        }
    }
}
