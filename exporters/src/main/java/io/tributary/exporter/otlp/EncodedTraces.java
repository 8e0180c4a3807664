package io.tributary.exporter.otlp;

import com.google.protobuf.ByteString;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.grpc.MethodDescriptor;
import io.tributary.core.data.Traces;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;

/**
 * Puts a {@link Traces} on the wire as the bytes of an {@code ExportTraceServiceRequest}
 * without decoding it. The stream tells grpc-java its length and drains straight into the
 * framer, so the encoded batch is not copied again.
 */
final class EncodedTraces implements MethodDescriptor.Marshaller<Traces> {
    static final EncodedTraces MARSHALLER = new EncodedTraces();

    private EncodedTraces() {
    }

    @Override
    public InputStream stream(Traces traces) {
        return new Stream(traces.encoded());
    }

    @Override
    public Traces parse(InputStream stream) {
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
            bytes.writeTo(target);
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
}
