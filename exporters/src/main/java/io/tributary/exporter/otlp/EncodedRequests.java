package io.tributary.exporter.otlp;

import com.google.protobuf.ByteOutput;
import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.tributary.core.data.SignalData;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * Puts a batch of any signal on the wire as the bytes of its export request
 * ({@code ExportTraceServiceRequest}, {@code ExportMetricsServiceRequest},
 * {@code ExportLogsServiceRequest}) without decoding it. The stream tells grpc-java its length ({@link KnownLength}: the framer
 * then sizes one buffer for an uncompressed message) and drains into the framer
 * ({@link Drainable}: grpc-java's {@code MessageFramer} uses it with and without compression),
 * lending it each piece of the batch's rope, so the encoded batch is copied only into gRPC's
 * buffers (or through the deflater).
 */
final class EncodedRequests implements MethodDescriptor.Marshaller<SignalData<?, ?>> {
    static final EncodedRequests MARSHALLER = new EncodedRequests();

    private EncodedRequests() {
    }

    @Override
    public InputStream stream(SignalData<?, ?> data) {
        return new Stream(data.encoded());
    }

    @Override
    public SignalData<?, ?> parse(InputStream stream) {
        throw new UnsupportedOperationException("the exporter only sends requests");
    }

    private static final class Stream extends InputStream implements KnownLength, Drainable {
        private final ByteString bytes;
        private InputStream remaining;

        Stream(ByteString bytes) {
            this.bytes = bytes;
        }

        @Override
        public int drainTo(OutputStream target) throws IOException {
            if (remaining != null) {
                return (int) remaining.transferTo(target);
            }
            // ByteString.writeTo(OutputStream) copies every piece first, in case the stream keeps
            // the array; the framer's streams copy what they are given and keep nothing.
            UnsafeByteOperations.unsafeWriteTo(bytes, new Lender(target));
            remaining = InputStream.nullInputStream();
            return bytes.size();
        }

        @Override
        public int read() throws IOException {
            return reader().read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return reader().read(b, off, len);
        }

        @Override
        public int available() throws IOException {
            return remaining == null ? bytes.size() : remaining.available();
        }

        private InputStream reader() {
            if (remaining == null) {
                remaining = bytes.newInput();
            }
            return remaining;
        }
    }

    /** Hands the rope's backing arrays to an {@link OutputStream} that copies them. */
    private static final class Lender extends ByteOutput {
        private final OutputStream target;

        Lender(OutputStream target) {
            this.target = target;
        }

        @Override
        public void write(byte value) throws IOException {
            target.write(value);
        }

        @Override
        public void write(byte[] value, int offset, int length) throws IOException {
            target.write(value, offset, length);
        }

        @Override
        public void writeLazy(byte[] value, int offset, int length) throws IOException {
            target.write(value, offset, length);
        }

        @Override
        public void write(ByteBuffer value) throws IOException {
            if (value.hasArray()) {
                target.write(value.array(), value.arrayOffset() + value.position(), value.remaining());
            } else {
                byte[] copy = new byte[value.remaining()];
                value.duplicate().get(copy);
                target.write(copy);
            }
        }

        @Override
        public void writeLazy(ByteBuffer value) throws IOException {
            write(value);
        }
    }
}
