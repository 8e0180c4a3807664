package io.tributary.connector.spanmetrics;

import com.google.protobuf.InvalidProtocolBufferException;
import io.opentelemetry.proto.common.v1.AnyValue;
import io.tributary.core.data.wire.MalformedWireException;
import io.tributary.core.data.wire.Schema;
import io.tributary.core.data.wire.WireCursor;
import io.tributary.processor.filtermatch.AttributeValues;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * An encoded {@code AnyValue} as pdata's {@code Value.AsString} writes it, appended to a series
 * key: strings, bools and ints (the values spans carry) straight from the bytes; the other types
 * decoded and written by {@link AttributeValues#asString}, the one Go-faithful rendering.
 */
final class LabelText {
    private static final int STRING = Schema.lengthDelimited(Schema.AnyValue.STRING_VALUE);
    private static final int BOOL = Schema.tag(Schema.AnyValue.BOOL_VALUE, Schema.WIRETYPE_VARINT);
    private static final int INT = Schema.tag(Schema.AnyValue.INT_VALUE, Schema.WIRETYPE_VARINT);
    private static final byte[] TRUE = "true".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] FALSE = "false".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] MIN_LONG = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

    private LabelText() {
    }

    static void append(BytesKey key, byte[] buf, int from, int to) {
        // The last field of a oneof wins, as protobuf decodes it.
        int lastTag = 0;
        int stringFrom = from;
        int stringTo = from;
        long varint = 0;
        WireCursor in = new WireCursor(buf, from, to);
        while (in.more()) {
            int tag = in.tag();
            lastTag = tag;
            if (tag == STRING) {
                stringTo = in.lengthEnd();
                stringFrom = in.pos();
                in.pos(stringTo);
            } else if (tag == BOOL || tag == INT) {
                varint = in.varint();
            } else {
                in.skip(tag);
            }
        }
        if (lastTag == STRING) {
            key.put(buf, stringFrom, stringTo);
        } else if (lastTag == BOOL) {
            key.put(varint != 0 ? TRUE : FALSE);
        } else if (lastTag == INT) {
            putDecimal(key, varint);
        } else if (lastTag != 0) {
            key.put(AttributeValues.asString(decode(buf, from, to)).getBytes(StandardCharsets.UTF_8));
        }
    }

    static AnyValue decode(byte[] buf, int from, int to) {
        try {
            return AnyValue.parseFrom(ByteBuffer.wrap(buf, from, to - from));
        } catch (InvalidProtocolBufferException e) {
            throw new MalformedWireException("attribute value: " + e.getMessage());
        }
    }

    private static void putDecimal(BytesKey key, long value) {
        if (value == Long.MIN_VALUE) {
            key.put(MIN_LONG);
            return;
        }
        if (value < 0) {
            key.put((byte) '-');
            value = -value;
        }
        long divisor = 1;
        while (value / divisor >= 10) {
            divisor *= 10;
        }
        for (; divisor > 0; divisor /= 10) {
            key.put((byte) ('0' + value / divisor % 10));
        }
    }
}
