package io.tributary.translator.zipkin;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.List;
import org.junit.jupiter.api.Test;
import zipkin2.Span;
import zipkin2.codec.SpanBytesEncoder;

class ThriftBoundsTest {
    /** Found by ZipkinFuzzTest: zipkin2 spent seconds per list of zero-width elements claiming 2^31 - 1 of them. */
    @Test
    void anUnknownListOfZeroWidthElementsIsRefusedBeforeZipkinLoopsOverIt() {
        ByteBuffer body = ByteBuffer.allocate(15);
        body.put((byte) 12).putInt(1); // list<struct> of one span
        body.put((byte) 15).putShort((short) 99).put((byte) 1).putInt(Integer.MAX_VALUE); // field 99: list<void>
        body.put((byte) 0); // end of span

        assertThatThrownBy(() -> ThriftBounds.check(body.array())).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void spansZipkinEncodesPass() {
        byte[] body = SpanBytesEncoder.THRIFT.encodeList(List.of(Span.newBuilder().traceId("1").id("2").name("op").build()));

        assertThatCode(() -> ThriftBounds.check(body)).doesNotThrowAnyException();
    }
}
