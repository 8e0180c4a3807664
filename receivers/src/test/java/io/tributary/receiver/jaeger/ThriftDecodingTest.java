package io.tributary.receiver.jaeger;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import org.apache.thrift.TException;
import org.apache.thrift.protocol.TBinaryProtocol;
import org.junit.jupiter.api.Test;

class ThriftDecodingTest {
    /** Found by JaegerThriftFuzzTest: libthrift threw StringIndexOutOfBoundsException for it. */
    @Test
    void aNegativeStringLengthIsRefusedAsMalformedThrift() {
        ByteBuffer body = ByteBuffer.allocate(32);
        body.put((byte) 12).putShort((short) 1); // Batch.process
        body.put((byte) 11).putShort((short) 1).putInt(0xC4000000); // Process.serviceName, length < 0

        assertThatThrownBy(() -> ThriftDecoding.batch(body.array(), new TBinaryProtocol.Factory())).isInstanceOf(TException.class);
    }

    /** Found by JaegerThriftFuzzTest: libthrift threw StringIndexOutOfBoundsException reading the method name. */
    @Test
    void aDatagramWithANegativeMethodNameLengthIsRefusedAsMalformedThrift() {
        ByteBuffer datagram = ByteBuffer.allocate(32);
        datagram.putInt(0x80010004).putInt(-1); // strict binary message header (oneway), name length < 0

        assertThatThrownBy(() -> ThriftDecoding.emitBatch(datagram.array(), new TBinaryProtocol.Factory())).isInstanceOf(TException.class);
    }

    /** Found by JaegerThriftFuzzTest: the generated reader allocated the claimed 2^31 - 1 elements, an OutOfMemoryError. */
    @Test
    void aListClaimingMoreElementsThanThePayloadHasBytesIsRefused() {
        ByteBuffer body = ByteBuffer.allocate(16);
        body.put((byte) 15).putShort((short) 2).put((byte) 1).putInt(Integer.MAX_VALUE); // Batch.spans: list<void>

        assertThatThrownBy(() -> ThriftDecoding.batch(body.array(), new TBinaryProtocol.Factory())).isInstanceOf(TException.class);
    }
}
