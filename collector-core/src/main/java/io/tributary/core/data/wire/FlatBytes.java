package io.tributary.core.data.wire;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * The bytes of a {@code ByteString} as one array range [from, to): the string's own backing
 * array when it has exactly one (no copy), else a copy. {@code UnsafeByteOperations.unsafeWriteTo}
 * is protobuf's sanctioned way to reach backing arrays; callers only read them.
 */
public record FlatBytes(byte[] array, int from, int to) {
    public static FlatBytes of(ByteString bytes) {
        Probe probe = new Probe();
        try {
            UnsafeByteOperations.unsafeWriteTo(bytes, probe);
        } catch (IOException e) {
            throw new IllegalStateException("writing to memory cannot fail", e);
        }
        if (probe.writes != 1 || probe.array == null) {
            return new FlatBytes(bytes.toByteArray(), 0, bytes.size());
        }
        return new FlatBytes(probe.array, probe.offset, probe.offset + bytes.size());
    }

    private static final class Probe extends ByteOutput {
        private int writes;
        private byte[] array;
        private int offset;

        private void range(byte[] value, int offset) {
            writes++;
            this.array = value;
            this.offset = offset;
        }

        private void notAnArray() {
            writes++;
            array = null;
        }

        @Override
        public void write(byte value) {
            notAnArray();
        }

        @Override
        public void write(byte[] value, int offset, int length) {
            range(value, offset);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) {
            range(value, offset);
        }

        @Override
        public void write(ByteBuffer value) {
            if (value.hasArray()) {
                range(value.array(), value.arrayOffset() + value.position());
            } else {
                notAnArray();
            }
        }

        @Override
        public void writeLazy(ByteBuffer value) {
            write(value);
        }
    }
}
