package io.tributary.bench;

import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor.Marshaller;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Sends a pre-encoded message as is. The stream is {@link KnownLength} and {@link Drainable} so
 * gRPC sizes the frame up front and copies the array once, as it does for protobuf messages.
 */
final class BytesMarshaller implements Marshaller<byte[]> {
    static final BytesMarshaller INSTANCE = new BytesMarshaller();

    private BytesMarshaller() {
    }

    @Override
    public InputStream stream(byte[] value) {
        return new DrainableBytes(value);
    }

    @Override
    public byte[] parse(InputStream stream) {
        try {
            return stream.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static final class DrainableBytes extends ByteArrayInputStream implements KnownLength, Drainable {
        DrainableBytes(byte[] bytes) {
            super(bytes);
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            int n = count - pos;
            target.write(buf, pos, n);
            pos = count;
            return n;
        }
    }
}
