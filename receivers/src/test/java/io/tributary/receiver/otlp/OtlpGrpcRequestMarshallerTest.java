package io.tributary.receiver.otlp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import io.grpc.KnownLength;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.junit.jupiter.api.Test;

/** The request bytes as grpc-java hands them over; the end-to-end path is in {@link OtlpGrpcReceiverTest}. */
class OtlpGrpcRequestMarshallerTest {
    private static final byte[] REQUEST = OtlpRequests.protobuf(SampleSpans.create()).toByteArray();

    /** Announces a length like grpc-java's message stream, but reads in small pieces as a Netty buffer chain may. */
    private static final class Announced extends FilterInputStream implements KnownLength {
        private final int announced;

        Announced(byte[] bytes, int announced) {
            super(new ByteArrayInputStream(bytes));
            this.announced = announced;
        }

        @Override
        public int available() {
            return announced;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 7));
        }
    }

    @Test
    void readsAStreamOfKnownLengthWhole() {
        assertThat(OtlpGrpcServer.RAW.parse(new Announced(REQUEST, REQUEST.length)))
                .isEqualTo(ByteString.copyFrom(REQUEST));
    }

    @Test
    void readsAStreamOfUnknownLengthToItsEnd() {
        InputStream plain = new FilterInputStream(new ByteArrayInputStream(REQUEST)) {
        };

        assertThat(OtlpGrpcServer.RAW.parse(plain)).isEqualTo(ByteString.copyFrom(REQUEST));
    }

    @Test
    void aStreamLongerThanItsKnownLengthIsAnError() {
        assertThatThrownBy(() -> OtlpGrpcServer.RAW.parse(new Announced(REQUEST, REQUEST.length - 1)))
                .isInstanceOf(UncheckedIOException.class)
                .hasMessageContaining("differs from the " + (REQUEST.length - 1) + " bytes");
    }

    @Test
    void aStreamShorterThanItsKnownLengthIsAnError() {
        assertThatThrownBy(() -> OtlpGrpcServer.RAW.parse(new Announced(REQUEST, REQUEST.length + 1)))
                .isInstanceOf(UncheckedIOException.class);
    }
}
