package io.tributary.core.data.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WireCursorTest {
    private static WireCursor cursor(int... bytes) {
        byte[] buf = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            buf[i] = (byte) bytes[i];
        }
        return new WireCursor(buf, 0, buf.length);
    }

    @Test
    void readsVarintsFixedAndLengthDelimitedFields() {
        // field 1 varint 300, field 2 fixed64 1, field 3 bytes "ab"
        WireCursor in = cursor(0x08, 0xAC, 0x02, 0x11, 1, 0, 0, 0, 0, 0, 0, 0, 0x1A, 2, 'a', 'b');
        assertThat(in.tag()).isEqualTo(Schema.tag(1, Schema.WIRETYPE_VARINT));
        assertThat(in.varint()).isEqualTo(300);
        assertThat(in.tag()).isEqualTo(Schema.tag(2, Schema.WIRETYPE_FIXED64));
        assertThat(in.fixed64()).isEqualTo(1);
        assertThat(in.tag()).isEqualTo(Schema.lengthDelimited(3));
        int end = in.lengthEnd();
        assertThat(end - in.pos()).isEqualTo(2);
        in.pos(end);
        assertThat(in.more()).isFalse();
    }

    @Test
    void truncatedVarintThrowsInsteadOfReadingPastTheRange() {
        // 0x80 promises another byte; the byte after the range must not be read.
        byte[] buf = {0x08, (byte) 0x80, 0x01};
        WireCursor in = new WireCursor(buf, 0, 2);
        in.tag();
        assertThatThrownBy(in::varint).isInstanceOf(MalformedWireException.class).hasMessageContaining("truncated");
    }

    @Test
    void overlongVarintIsRejected() {
        WireCursor in = cursor(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01);
        assertThatThrownBy(in::varint).isInstanceOf(MalformedWireException.class);
    }

    @Test
    void lengthPastTheEndIsRejected() {
        WireCursor in = cursor(0x0A, 5, 'a', 'b');
        in.tag();
        assertThatThrownBy(in::lengthEnd).isInstanceOf(MalformedWireException.class).hasMessageContaining("past the end");
    }

    @Test
    void skippingAFieldCutShortIsRejected() {
        WireCursor fixed = cursor(0x09, 1, 2, 3);
        assertThatThrownBy(() -> fixed.skip(fixed.tag())).isInstanceOf(MalformedWireException.class);
        WireCursor bytes = cursor(0x0A, 3, 'a');
        assertThatThrownBy(() -> bytes.skip(bytes.tag())).isInstanceOf(MalformedWireException.class);
    }

    @Test
    void tagOfFieldZeroIsRejected() {
        assertThatThrownBy(cursor(0x00)::tag).isInstanceOf(MalformedWireException.class);
    }

    @Test
    void positionOutsideTheRangeIsRejected() {
        WireCursor in = new WireCursor(new byte[8], 2, 4);
        assertThatThrownBy(() -> in.pos(5)).isInstanceOf(MalformedWireException.class);
    }

    @Test
    void hasFindsATagAmongOtherFields() {
        byte[] buf = {0x08, 1, 0x1A, 1, 'x'};
        assertThat(WireCursor.has(buf, 0, buf.length, Schema.lengthDelimited(3))).isTrue();
        assertThat(WireCursor.has(buf, 0, buf.length, Schema.lengthDelimited(2))).isFalse();
    }
}
