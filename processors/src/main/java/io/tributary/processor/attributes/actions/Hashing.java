package io.tributary.processor.attributes.actions;

import io.opentelemetry.proto.common.v1.AnyValue;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * otelcol's {@code hash} action (attraction's sha2Hasher): the lower-case hex SHA-256 of a
 * string's UTF-8 bytes (an empty string too, as since v0.148; older releases left it ""), a
 * bool's one byte, an int's or a double's eight little-endian bytes. Any other value becomes "".
 */
final class Hashing {
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime has SHA-256", e);
        }
    });

    private Hashing() {
    }

    static AnyValue hash(AnyValue value) {
        byte[] bytes = switch (value.getValueCase()) {
            case STRING_VALUE -> value.getStringValue().getBytes(StandardCharsets.UTF_8);
            case BOOL_VALUE -> new byte[] {(byte) (value.getBoolValue() ? 1 : 0)};
            case INT_VALUE -> littleEndian(value.getIntValue());
            case DOUBLE_VALUE -> littleEndian(Double.doubleToRawLongBits(value.getDoubleValue()));
            default -> null;
        };
        String hashed = bytes == null ? "" : HexFormat.of().formatHex(SHA256.get().digest(bytes));
        return AnyValue.newBuilder().setStringValue(hashed).build();
    }

    private static byte[] littleEndian(long bits) {
        return ByteBuffer.allocate(Long.BYTES).order(ByteOrder.LITTLE_ENDIAN).putLong(bits).array();
    }
}
