package io.tributary.exporter.otlp;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.UnsafeByteOperations;
import io.grpc.Drainable;
import io.grpc.KnownLength;
import io.tributary.core.data.Traces;
import io.tributary.exporter.SampleTraces;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class EncodedRequestsTest {
    private final byte[] first = SampleTraces.request("a", 1, 3).toByteArray();
    private final byte[] second = SampleTraces.request("b", 2, 4).toByteArray();
    private final Traces batch = Traces.concat(List.of(parse(first), parse(second)));

    private static Traces parse(byte[] request) {
        try {
            return Traces.parse(UnsafeByteOperations.unsafeWrap(request));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void announcesTheBatchLength() throws Exception {
        InputStream stream = EncodedRequests.MARSHALLER.stream(batch);

        assertThat(stream).isInstanceOf(KnownLength.class);
        assertThat(stream.available()).isEqualTo(first.length + second.length);
    }

    @Test
    void drainsTheConcatenatedRequests() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        int drained = ((Drainable) EncodedRequests.MARSHALLER.stream(batch)).drainTo(out);

        assertThat(drained).isEqualTo(first.length + second.length);
        assertThat(ByteString.copyFrom(out.toByteArray())).isEqualTo(ByteString.copyFrom(first).concat(ByteString.copyFrom(second)));
    }

    /** The framer copies what it is given: the received requests' own arrays are handed over, not copies of them. */
    @Test
    void lendsEachReceivedRequestsArrayWithoutCopyingIt() throws Exception {
        List<byte[]> written = new ArrayList<>();
        OutputStream recorder = new OutputStream() {
            @Override
            public void write(int b) {
                throw new AssertionError("byte-by-byte write");
            }

            @Override
            public void write(byte[] b, int off, int len) {
                written.add(b);
            }
        };

        ((Drainable) EncodedRequests.MARSHALLER.stream(batch)).drainTo(recorder);

        assertThat(written).usingElementComparator((a, b) -> a == b ? 0 : 1).containsExactly(first, second);
    }

    @Test
    void canStillBeReadAsAPlainStream() throws Exception {
        assertThat(EncodedRequests.MARSHALLER.stream(batch).readAllBytes())
                .isEqualTo(ByteString.copyFrom(first).concat(ByteString.copyFrom(second)).toByteArray());
    }
}
