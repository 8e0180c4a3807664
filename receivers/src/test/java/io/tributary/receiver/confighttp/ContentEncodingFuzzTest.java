package io.tributary.receiver.confighttp;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.google.protobuf.ByteString;
import io.netty.buffer.Unpooled;
import java.io.IOException;

/**
 * Arbitrary bytes as a compressed request body: {@link ContentEncoding#decode} inflates them to at
 * most the limit, or refuses them with its documented exceptions (corrupt: {@link IOException},
 * bomb: {@link ContentEncoding.TooLargeException}), which every HTTP receiver answers with 400 or
 * 413. Anything else thrown is a finding.
 *
 * <p>In {@code verify} these replay {@code ContentEncodingFuzzTestInputs/<method>}. To fuzz one:
 * {@code JAZZER_FUZZ=1 ./mvnw -pl receivers -am test -Dtest='ContentEncodingFuzzTest#zstd'
 * -Dsurefire.failIfNoSpecifiedTests=false} (one method per run).
 */
class ContentEncodingFuzzTest {
    /** Small, so that inputs which inflate past it (bombs) are reached quickly. */
    private static final int LIMIT = 64 * 1024;

    @FuzzTest(maxDuration = "2m")
    void gzip(byte[] body) throws ContentEncoding.UnsupportedException {
        assertBounded("gzip", body);
    }

    @FuzzTest(maxDuration = "2m")
    void deflate(byte[] body) throws ContentEncoding.UnsupportedException {
        assertBounded("deflate", body);
    }

    @FuzzTest(maxDuration = "2m")
    void zstd(byte[] body) throws ContentEncoding.UnsupportedException {
        assertBounded("zstd", body);
    }

    private static void assertBounded(String encoding, byte[] body) throws ContentEncoding.UnsupportedException {
        ByteString decoded;
        try {
            decoded = ContentEncoding.decode(encoding, Unpooled.wrappedBuffer(body), LIMIT);
        } catch (IOException | ContentEncoding.TooLargeException refused) {
            return;
        }
        assertThat(decoded.size()).isLessThanOrEqualTo(LIMIT);
    }
}
